#!/usr/bin/perl
# hostile.pl - a milter client speaking libmilter's protocol byte by byte,
# as Postfix does, or as a broken or hostile one might.  Only core
# modules.
#
#   hostile.pl ATTACK SOCKET
#
# ATTACK is one of:
#   good        a well-formed session from a plaintext partner: prints
#               "reply CODE after N ms" for MAIL FROM (550 expected)
#   outoforder  MAIL before CONNECT, RCPT before MAIL, macros for unknown
#               stages, macros after the command they belong to
#   oversized   a 1 MB {cert_subject} macro, then 300 macros of 4 KB
#   biglength   a packet announcing 4 GB
#   halfpacket  half a packet, then close
#   garbage     an unknown command byte, then random bytes
#   heldopen    a partner's MAIL and RCPT over TLS 1.3 that pass, then the
#               session kept open (no end of message, no QUIT) until
#               standard input closes: prints "held" once both passed
# Output: one line per connection: "reply X", "closed" or "timeout".
use strict;
use warnings;
use IO::Select;
use FindBin;
use lib "$FindBin::Bin/../harness";
use Hostile;
use Time::HiRes qw(time);

$| = 1;
my ($attack, $where) = @ARGV;
die "usage: hostile.pl ATTACK SOCKET\n" unless defined $where;


sub packet { my ($cmd, $data) = @_; pack('N', 1 + length $data) . $cmd . $data }
sub cstr { join('', map { "$_\0" } @_) }


# The next reply packet: (cmd, data), or ('closed') / ('timeout').
sub reply {
    my ($s, $seconds) = @_;
    my ($buf, $sel, $end) = ('', IO::Select->new($s), time + $seconds);
    while ((my $left = $end - time) > 0) {
        if (length $buf >= 5) {
            my $len = unpack('N', $buf);
            return (substr($buf, 4, 1), substr($buf, 5, $len - 1))
                if length $buf >= 4 + $len;
        }
        last unless $sel->can_read($left);
        my $n = sysread($s, my $chunk, 65536);
        return ('closed') unless $n;
        $buf .= $chunk;
    }
    return ('timeout');
}

sub optneg {
    my ($s) = @_;
    put($s, packet('O', pack('NNN', 6, 0x1ff, 0x3ff)));
    my ($cmd) = reply($s, 5);
    return $cmd eq 'O';
}

# What a reply says: "c", "y 550 5.7.0 ...", "closed".
sub say {
    my ($cmd, $data) = @_;
    return $cmd unless defined $data;
    $data =~ s/\0.*//s;
    return $cmd eq 'y' ? "y $data" : $cmd;
}

my @plain_macros = (cstr('{tls_version}', '', 'i', ''));
my %attacks = (
    good => sub {
        my $t0 = time;
        my $s = conn($where);
        optneg($s) or return print "no negotiation\n";
        put($s, packet('C', cstr('mx.contoso.example') . '4'
                              . pack('n', 25) . cstr('192.0.2.10')));
        reply($s, 5);
        put($s, packet('H', cstr('mx.contoso.example')));
        reply($s, 5);
        put($s, packet('D', 'M'));
        put($s, packet('M', cstr('<a@contoso.example>')));
        my @r = reply($s, 5);
        printf "reply %s after %d ms\n", say(@r), (time - $t0) * 1000;
        put($s, packet('Q', ''));
    },
    outoforder => sub {
        my @sessions = (
            [ packet('M', cstr('<a@contoso.example>')) ],
            [ packet('R', cstr('<u@test.example>')) ],
            [ packet('D', 'Z' . cstr('{tls_version}', 'TLSv1.3')),
              packet('D', "\x00" . cstr('{cert_subject}', 'x')),
              packet('M', cstr('<a@contoso.example>')) ],
            [ packet('M', cstr('<a@contoso.example>')),
              packet('D', 'M' . cstr('{tls_version}', 'TLSv1.3',
                                      '{cert_subject}', 'mail.contoso.example')),
              packet('R', cstr('<u@test.example>')) ],
            [ packet('D', 'M' . cstr('{tls_version}')),
              packet('D', 'M' . "{tls_version}"),
              packet('M', '') ],
        );
        for my $packets (@sessions) {
            my $s = conn($where);
            optneg($s) or next;
            my $last = 'timeout';
            for my $p (@$packets) {
                put($s, $p) or last;
                next if substr($p, 4, 1) eq 'D';
                $last = say(reply($s, 1));
                last if $last eq 'closed';
            }
            print "reply $last\n";
        }
    },
    oversized => sub {
        for my $data ('M' . cstr('{cert_subject}', 'x' x (1024 * 1024)),
                      'M' . cstr(map { ("{m$_}", 'v' x 4096) } 1 .. 300)) {
            my $s = conn($where);
            optneg($s) or next;
            put($s, packet('D', $data));
            put($s, packet('M', cstr('<a@contoso.example>')));
            print "reply ", say(reply($s, 5)), "\n";
        }
    },
    biglength => sub {
        my $s = conn($where);
        put($s, pack('N', 0xffffffff) . 'D' . ('x' x 65536));
        print "reply ", say(reply($s, 5)), "\n";
    },
    halfpacket => sub {
        my $s = conn($where);
        optneg($s);
        put($s, substr(packet('M', cstr('<a@contoso.example>')), 0, 7));
        shutdown($s, 1);
        print "reply ", say(reply($s, 5)), "\n";
    },
    garbage => sub {
        my $s = conn($where);
        put($s, packet('!', 'junk') . join('', map { chr(rand 256) } 1 .. 4096));
        print "reply ", say(reply($s, 5)), "\n";
    },
    heldopen => sub {
        my $s = conn($where);
        optneg($s) or return print "no negotiation\n";
        put($s, packet('C', cstr('mx.contoso.example') . '4'
                              . pack('n', 25) . cstr('127.0.0.1')));
        reply($s, 5);
        put($s, packet('D', 'M' . cstr('{tls_version}', 'TLSv1.3',
                                       '{cipher}', 'TLS_AES_256_GCM_SHA384',
                                       '{cipher_bits}', '256')));
        put($s, packet('M', cstr('<a@contoso.example>')));
        my $mail = say(reply($s, 5));
        put($s, packet('R', cstr('<u@ours.example>')));
        my $rcpt = say(reply($s, 5));
        print $mail eq 'c' && $rcpt eq 'c' ? "held\n" : "reply $mail $rcpt\n";
        1 while sysread(STDIN, my $buf, 512);
    },
);
my $run = $attacks{$attack} or die "hostile: no attack $attack\n";
$run->();
