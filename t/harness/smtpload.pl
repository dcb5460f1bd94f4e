#!/usr/bin/perl
# smtpload.pl - one SMTP client sending COUNT messages in a row, as a
# partner would, retrying each one on a 4xx or a dropped connection
# until it gets a final answer, the way a real MTA retries.  One line per
# message on stdout: "ID KIND RESULT TRIES", RESULT being "accepted",
# "refused CODE" or "gave-up LASTCODE".  Only Perl's own modules and
# IO::Socket::SSL (which swaks needs too).
#
#   smtpload.pl PORT PREFIX COUNT KIND PKIDIR [PAUSE]
#
# KIND "good": STARTTLS with the contoso client certificate, which the
# tests' connectors accept; "plain": no TLS from the same partner domain,
# which they must refuse.  Each message carries "X-Load-Id: PREFIX-N".
# PAUSE seconds (default 0) pass between messages, so that a load spans a
# fault.
use strict;
use warnings;
use Net::SMTP;
use Time::HiRes qw(sleep);

my ($port, $prefix, $count, $kind, $pki, $pause) = @ARGV;
die "usage: smtpload.pl PORT PREFIX COUNT good|plain PKIDIR [PAUSE]\n"
    unless defined $pki && $kind =~ /^(good|plain)$/;
$| = 1;
my $max_tries = 200;

# One attempt: (final, code) with final true for a 2xx or 5xx answer.
sub attempt {
    my ($id) = @_;
    my $smtp = Net::SMTP->new('127.0.0.1', Port => $port, Timeout => 20,
                              Hello => 'client.contoso.example')
        or return (0, 'connect');
    if ($kind eq 'good') {
        $smtp->starttls(SSL_cert_file => "$pki/contoso.crt",
                        SSL_key_file => "$pki/contoso.key",
                        SSL_verify_mode => 0)
            or return (0, 'starttls');
    }
    my @steps = (
        sub { $smtp->mail("load-$id\@contoso.example") },
        sub { $smtp->to("u\@test.example") },
        sub { $smtp->data() },
        sub { $smtp->datasend("From: <load-$id\@contoso.example>\n"
                              . "Subject: load $id\nX-Load-Id: $id\n\n"
                              . "message $id\n") && $smtp->dataend() },
    );
    for my $step (@steps) {
        next if $step->();
        my $code = $smtp->code || 'dropped';
        $smtp->quit if $code ne 'dropped';
        return (($code =~ /^5/ ? 1 : 0), $code);
    }
    my $code = $smtp->code;
    $smtp->quit;
    return (1, $code);
}

for my $n (1 .. $count) {
    my $id = "$prefix-$n";
    my ($final, $code, $tries) = (0, '', 0);
    while (!$final && $tries < $max_tries) {
        $tries++;
        ($final, $code) = attempt($id);
        sleep 0.05 unless $final;
    }
    my $result = !$final ? "gave-up $code"
               : $code =~ /^2/ ? 'accepted' : "refused $code";
    print "$id $kind $result $tries\n";
    sleep $pause if $pause;
}
