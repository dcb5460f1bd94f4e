#!/usr/bin/perl
# hostile.pl - hostile clients of forcetls-policyd, one attack per run:
# each sends what a broken or malicious client might, then reports what
# the daemon did with it (how it ended, what it answered) on stdout.
# Only core modules.
#
#   hostile.pl ATTACK SOCKET
#
# ATTACK is one of:
#   bigline      10 MB without a newline
#   attrs        100,000 attributes in one request
#   nul          a request with NUL bytes in a value
#   ctlkey       a request whose attribute names hold control characters
#   xtext        a partner's verified request with invalid xtext in the
#                certificate names (answered, and refused)
#   drip         a whole request written one byte at a time with pauses
#   halfclose    half a request, then shutdown(SHUT_WR)
#   fullclose    a whole request, then shutdown(SHUT_WR) at once
#   netstring    broken netstrings, one connection each
#   bignetstring a netstring announcing 10 GB, then 1 MB of it
# Output: "closed", "answered: LINE" (a policy reply's first line, or a
# socketmap netstring), "timeout", one line per connection.
use strict;
use warnings;
use IO::Select;
use Socket qw(SHUT_WR);
use FindBin;
use lib "$FindBin::Bin/../harness";
use Hostile;
use Time::HiRes qw(time sleep);

$| = 1;
my ($attack, $where) = @ARGV;
die "usage: hostile.pl ATTACK SOCKET\n" unless defined $where;



# How the connection ended within SECONDS: its first reply line or closed.
sub outcome {
    my ($s, $seconds) = @_;
    my ($got, $sel, $end) = ('', IO::Select->new($s), time + $seconds);
    while ((my $left = $end - time) > 0) {
        last unless $sel->can_read($left);
        my $n = sysread($s, my $buf, 65536);
        return $got eq '' ? 'closed' : "closed after a partial reply"
            unless $n;
        $got .= $buf;
        return "answered: $1"
            if $got =~ /^([^\n]+)\n/ || $got =~ /^([0-9]+:[^,]*,)/;
    }
    return 'timeout';
}

sub request {
    my (%kv) = @_;
    my %base = (request => 'smtpd_access_policy', protocol_state => 'RCPT',
        protocol_name => 'ESMTP', client_address => '192.0.2.10',
        client_name => 'mx.contoso.example', sender => 'a@contoso.example',
        recipient => 'u@test.example', instance => "h.$$." . int(rand(1e9)),
        encryption_protocol => '', encryption_cipher => '',
        encryption_keysize => 0, ccert_subject => '', ccert_issuer => '',
        ccert_fingerprint => '', ccert_pubkey_fingerprint => '');
    %base = (%base, %kv);
    return join('', map { "$_=$base{$_}\n" } sort keys %base) . "\n";
}

my %attacks = (
    bigline => sub {
        my $s = conn($where);
        my $sent = put($s, 'a' x (10 * 1024 * 1024));
        print outcome($s, 5), " after $sent bytes\n";
    },
    attrs => sub {
        my $s = conn($where);
        put($s, "request=smtpd_access_policy\n"
            . join('', map { "a$_=x\n" } 1 .. 100000) . "\n");
        print outcome($s, 5), "\n";
    },
    nul => sub {
        my $s = conn($where);
        put($s, request(sender => "a\0b\@contoso.example"));
        print outcome($s, 5), "\n";
    },
    ctlkey => sub {
        for my $key ("send\x01er", "sender\r", "\x1b[2Jsender") {
            my $s = conn($where);
            put($s, "request=smtpd_access_policy\n$key=a\@contoso.example\n\n");
            print outcome($s, 5), "\n";
        }
    },
    xtext => sub {
        for my $bad ('mail+2', 'mail+ZZ.contoso.example', 'mail+00x') {
            my $s = conn($where);
            put($s, request(encryption_protocol => 'TLSv1.3',
                encryption_cipher => 'TLS_AES_256_GCM_SHA384',
                encryption_keysize => 256, ccert_subject => $bad,
                ccert_issuer => 'Contoso+20CA'));
            print outcome($s, 5), "\n";
        }
    },
    drip => sub {
        my $s = conn($where);
        for my $c (split //, request()) {
            syswrite($s, $c) or last;
            sleep 0.002;
        }
        print outcome($s, 5), "\n";
    },
    halfclose => sub {
        my $s = conn($where);
        my $r = request();
        put($s, substr($r, 0, length($r) / 2));
        shutdown($s, SHUT_WR);
        print outcome($s, 5), "\n";
    },
    fullclose => sub {
        my $s = conn($where);
        put($s, request());
        shutdown($s, SHUT_WR);
        print outcome($s, 5), "\n";
    },
    netstring => sub {
        for my $bad ('abc:forcetls x,', '5:hello;', '-1:x,', '05:hello,',
                     "3:a\0b,", ':x,', '4294967296:x,') {
            my $s = conn($where);
            put($s, $bad);
            print outcome($s, 5), "\n";
        }
    },
    bignetstring => sub {
        my $s = conn($where);
        my $sent = put($s, '10000000000:' . ('x' x (1024 * 1024)));
        print outcome($s, 5), " after $sent bytes\n";
    },
);
my $run = $attacks{$attack} or die "hostile: no attack $attack\n";
$run->();
