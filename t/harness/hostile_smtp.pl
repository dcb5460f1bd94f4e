#!/usr/bin/perl
# hostile_smtp.pl MODE PORT [TLS_PORT] - an SMTP server on 127.0.0.1:PORT
# that a partner under an attacker's control might run, for a client with
# a deadline to meet. It serves connections one after another until it is
# killed. MODE:
#   endless-banner  "220-" lines, never the last one
#   endless-ehlo    a banner, then "250-" lines, never the last one
#   drip-banner     the banner a byte a second
#   drip-ehlo       a banner, then the EHLO reply a byte a second
#   drip-tls        STARTTLS offered and accepted, then the TLS server on
#                   127.0.0.1:TLS_PORT (openssl s_server) relayed, what it
#                   sends dripped a byte every half second
#   tls             the same, relayed at once: a STARTTLS server showing
#                   whatever certificate s_server has
use strict;
use warnings;
use IO::Select;
use IO::Socket::INET;
use Time::HiRes qw(sleep);

$SIG{PIPE} = 'IGNORE';
my ($mode, $port, $tls_port) = @ARGV;
die "usage: hostile_smtp.pl MODE PORT [TLS_PORT]\n" unless $port;
my $server = IO::Socket::INET->new(LocalAddr => '127.0.0.1',
    LocalPort => $port, Listen => 16, ReuseAddr => 1)
    or die "hostile_smtp: cannot listen on $port: $!\n";

sub drip {
    my ($c, $text, $pause) = @_;
    for my $byte (split //, $text) {
        syswrite($c, $byte) or return;
        sleep $pause;
    }
}

sub endless {
    my ($c, $line) = @_;
    while (syswrite($c, $line x 64)) { }
}

# Read up to the end of a command line; false when the client is gone.
sub command {
    my ($c) = @_;
    my $line = '';
    while ($line !~ /\n/) {
        my $n = sysread($c, my $buf, 512);
        return unless $n;
        $line .= $buf;
    }
    return $line;
}

sub relay {
    my ($c, $pause) = @_;
    my $tls = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$tls_port")
        or return;
    my $sel = IO::Select->new($c, $tls);
    while (my @ready = $sel->can_read(5)) {
        for my $fh (@ready) {
            my $n = sysread($fh, my $buf, 4096);
            return unless $n;
            if ($fh == $c) {
                syswrite($tls, $buf);
            } else {
                $pause ? drip($c, $buf, $pause) : syswrite($c, $buf);
            }
        }
    }
}

sub serve {
    my ($c) = @_;
    if ($mode eq 'endless-banner') { endless($c, "220-hostile\r\n"); return }
    if ($mode eq 'drip-banner') { drip($c, "220 hostile ESMTP\r\n", 1); return }
    syswrite($c, "220 hostile ESMTP\r\n");
    command($c) or return;
    if ($mode eq 'endless-ehlo') { endless($c, "250-hostile\r\n"); return }
    if ($mode eq 'drip-ehlo') {
        drip($c, "250-hostile\r\n250 STARTTLS\r\n", 1);
        return;
    }
    syswrite($c, "250-hostile\r\n250 STARTTLS\r\n");
    command($c) or return;
    syswrite($c, "220 go ahead\r\n");
    relay($c, $mode eq 'drip-tls' ? 0.5 : 0);
}

while (my $c = $server->accept) {
    serve($c);
    close $c;
}
