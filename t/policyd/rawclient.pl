#!/usr/bin/perl
# rawclient.pl - a policy or socketmap client that sends exactly the bytes
# it is given, for tests of bad input, and one that holds idle connections.
# Perl because swaks already needs it; only core modules.
#
#   rawclient.pl send SOCKET [SECONDS]  < BYTES
#       send BYTES, half-close unless -k, print what comes back until the
#       server closes or SECONDS (default 5) pass; the last line printed to
#       stderr is "closed after N ms", "timeout" or "open" (-k).
#   rawclient.pl hold SOCKET COUNT
#       open COUNT connections, print "holding COUNT", keep them open until
#       standard input reaches its end.
#   rawclient.pl ask SOCKET  < REQUEST
#       send one request on a new connection and print the reply and, on
#       stderr, "replied after N ms"; fails when no reply comes in 5 s.
#   rawclient.pl many SOCKET COUNT  < REQUEST
#       send one request COUNT times on one connection, each after the
#       reply to the last, with "%N" in it replaced by 1, 2, ...; print "answered N of COUNT, slowest M ms" and
#       each distinct first reply line; fails when a reply does not come
#       within 5 s (a daemon that stopped deciding).
#   rawclient.pl twice SOCKET SECONDS  < TWO-POLICY-REQUESTS
#       send the first request, print the reply, wait SECONDS, then send
#       the second on the same connection and print that reply; fails when
#       either reply does not come (a reload must not drop connections).
#
# SOCKET is a path (unix) or HOST:PORT (inet).
use strict;
use warnings;
use IO::Socket::INET;
use IO::Socket::UNIX;
use IO::Select;
use Time::HiRes qw(time);

sub connect_to {
    my ($where) = @_;
    my $s = $where =~ m{^/}
        ? IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $where)
        : IO::Socket::INET->new(PeerAddr => $where, Proto => 'tcp');
    die "rawclient: cannot connect to $where: $!\n" unless $s;
    binmode $s;
    return $s;
}

sub slurp_stdin {
    binmode STDIN;
    local $/;
    my $data = <STDIN>;
    return defined $data ? $data : '';
}

sub send_all {
    my ($s, $data) = @_;
    my $off = 0;
    while ($off < length $data) {
        my $n = syswrite($s, $data, length($data) - $off, $off);
        # The server may close early on bad input: that is an answer too.
        return 0 unless defined $n;
        $off += $n;
    }
    return 1;
}

# Read until EOF or the deadline; returns (bytes, "closed"/"timeout").
sub read_until {
    my ($s, $deadline, $stop_at_reply) = @_;
    my ($got, $sel) = ('', IO::Select->new($s));
    while ((my $left = $deadline - time) > 0) {
        last unless $sel->can_read($left);
        my $n = sysread($s, my $buf, 65536);
        return ($got, 'closed') unless $n;
        $got .= $buf;
        return ($got, 'replied') if $stop_at_reply && $got =~ /\n\n\z|,\z/;
    }
    return ($got, 'timeout');
}

# A server that closes on bad input makes writes fail: that is an answer.
$SIG{PIPE} = 'IGNORE';

my ($mode, $where, $arg) = @ARGV;
die "usage: rawclient.pl send|hold|ask|many|twice SOCKET [ARG]\n"
    unless defined $where && $mode =~ /^(send|hold|ask|many|twice)$/;
$| = 1;

if ($mode eq 'send') {
    my $data = slurp_stdin();
    my $t0 = time;
    my $s = connect_to($where);
    send_all($s, $data);
    my ($got, $how) = read_until($s, $t0 + ($arg || 5), 0);
    print $got;
    printf STDERR $how eq 'closed' ? "closed after %d ms\n" : "%s\n",
        $how eq 'closed' ? (time - $t0) * 1000 : $how;
    exit 0;
}
if ($mode eq 'hold') {
    my @held;
    for (1 .. $arg) {
        push @held, connect_to($where);
    }
    print "holding ", scalar(@held), "\n";
    slurp_stdin();
    exit 0;
}
if ($mode eq 'many') {
    my $request = slurp_stdin();
    my $s = connect_to($where);
    my ($answered, $slowest, %lines) = (0, 0);
    for my $n (1 .. $arg) {
        my $t0 = time;
        (my $this = $request) =~ s/%N/$n/g;
        send_all($s, $this) or last;
        my ($got, $how) = read_until($s, $t0 + 5, 1);
        last unless $how eq 'replied';
        my $ms = (time - $t0) * 1000;
        $slowest = $ms if $ms > $slowest;
        $answered++;
        $lines{(split /\n/, $got)[0]}++;
    }
    printf "answered %d of %d, slowest %d ms\n", $answered, $arg, $slowest;
    print "$_\n" for sort keys %lines;
    exit($answered == $arg ? 0 : 1);
}
if ($mode eq 'twice') {
    my @requests = slurp_stdin() =~ /(.*?\n\n)/sg;
    die "rawclient: want two requests on stdin\n" unless @requests == 2;
    my $s = connect_to($where);
    for my $round (1, 2) {
        sleep $arg if $round == 2;
        send_all($s, $requests[$round - 1])
            or die "rawclient: send failed: $!\n";
        my ($got, $how) = read_until($s, time + 5, 1);
        print $got;
        die "rawclient: no reply $round ($how)\n" unless $how eq 'replied';
    }
    exit 0;
}
my $data = slurp_stdin();
my $t0 = time;
my $s = connect_to($where);
send_all($s, $data) or die "rawclient: send failed: $!\n";
my ($got, $how) = read_until($s, $t0 + 5, 1);
print $got;
print "\n" unless $got =~ /\n\z/;
if ($how ne 'replied') {
    print STDERR "no reply ($how)\n";
    exit 1;
}
printf STDERR "replied after %d ms\n", (time - $t0) * 1000;
exit 0;
