# Hostile.pm - what the hostile-client scripts (t/milter/hostile.pl,
# t/policyd/hostile.pl) share: a unix-socket connection that does not die
# of SIGPIPE, and a write that pushes what the server takes.
package Hostile;
use strict;
use warnings;
use Exporter 'import';
use IO::Socket::UNIX;

our @EXPORT = qw(conn put);

# A server that closes on bad input makes writes fail: that is an answer.
$SIG{PIPE} = 'IGNORE';

sub conn {
    my ($where) = @_;
    my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $where)
        or die "hostile: cannot connect to $where: $!\n";
    binmode $s;
    return $s;
}

# Write bytes, 64 KB at a time; the count the server took before it closed.
sub put {
    my ($s, $bytes) = @_;
    my $off = 0;
    while ($off < length $bytes) {
        my $left = length($bytes) - $off;
        my $n = syswrite($s, $bytes, $left < 65536 ? $left : 65536, $off);
        return $off unless defined $n;
        $off += $n;
    }
    return $off;
}

1;
