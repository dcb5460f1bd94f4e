/* test_period.c - report's periods (day, ISO week, month in local time)
 * and its certificate sightings: changes flagged when a certificate not
 * seen before follows another, not on a return to an earlier one; and its
 * memory of the messages counted, exact for the last MSGSEEN_RECENT. */
/* strptime(), timegm() */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certseen.h"
#include "msgseen.h"
#include "period.h"
#include "tap.h"

struct period_case {
    const char *name;
    const char *when;           /* UTC */
    enum period_by by;
    const char *label;
};

static const struct period_case periods[] = {
    { "a day", "2025-07-01T12:00:00Z", PERIOD_DAY, "2025-07-01" },
    { "midnight starts the day", "2025-07-02T00:00:00Z", PERIOD_DAY,
      "2025-07-02" },
    { "a second before", "2025-07-01T23:59:59Z", PERIOD_DAY, "2025-07-01" },
    { "ISO week of a Wednesday", "2025-07-02T08:00:00Z", PERIOD_WEEK,
      "2025-W27" },
    { "ISO week: Sunday ends it", "2025-06-29T23:00:00Z", PERIOD_WEEK,
      "2025-W26" },
    { "ISO week 1 starts in December", "2024-12-30T10:00:00Z", PERIOD_WEEK,
      "2025-W01" },
    { "ISO week 53 reaches into January", "2021-01-02T10:00:00Z",
      PERIOD_WEEK, "2020-W53" },
    { "a month", "2025-12-31T23:00:00Z", PERIOD_MONTH, "2025-12" },
    { "leap day", "2024-02-29T10:00:00Z", PERIOD_DAY, "2024-02-29" },
};

static time_t utc(const char *s)
{
    struct tm tm = { 0 };

    strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return timegm(&tm);
}

static void test_periods(void)
{
    for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++) {
        const struct period_case *tc = &periods[i];
        struct period_cache pc = { .by = tc->by };
        char label[32];
        long key = period_of(&pc, utc(tc->when));

        period_label(tc->by, key, label, sizeof(label));
        TAP_STR(label, tc->label, tc->name);
        /* The cached span gives the same period. */
        TAP_OK(period_of(&pc, utc(tc->when)) == key, tc->name,
               "cache gave another period");
    }
}

static void test_certs(void)
{
    struct certseen cs = { 0 };

    certseen_add(&cs, "mail.a.example", "Old CA", "", true, 100, "mx1",
                 NULL);
    certseen_add(&cs, "mail.a.example", "Old CA", "AA:01", true, 200, "mx2",
                 NULL);
    TAP_INT((int)cs.n, 1, "certs: the milter's and the policy service's "
            "lines of one certificate are one");
    TAP_STR(cs.v[0].fp, "AA:01", "certs: the fingerprint is filled in");
    certseen_add(&cs, "mail.a.example", "New CA", "BB:02", true, 300, "mx2",
                 NULL);
    TAP_INT((int)cs.nchanges, 1, "certs: a new certificate is a change");
    certseen_add(&cs, "mail.a.example", "Old CA", "AA:01", true, 400, "mx1",
                 NULL);
    TAP_INT((int)cs.nchanges, 1, "certs: back to an earlier one is not");
    certseen_add(&cs, "mail.a.example", "Old CA", "CC:03", true, 500, "mx1",
                 NULL);
    TAP_INT((int)cs.nchanges, 2, "certs: same names, new fingerprint: a "
            "change");
    TAP_OK(cs.changes[1].from == 0 && cs.changes[1].to == 2
           && cs.changes[1].when == 500
           && strcmp(cs.changes[1].host, "mx1") == 0,
           "certs: the change names both certificates, when and where",
           "from %zu to %zu", cs.changes[1].from, cs.changes[1].to);
    certseen_add(&cs, "", "", "", true, 600, "mx1", NULL);
    TAP_INT((int)cs.n, 3, "certs: no certificate is no sighting");
    TAP_OK(cs.v[0].count == 3 && cs.v[0].first == 100 && cs.v[0].last == 400,
           "certs: count, first and last", "count %lu", cs.v[0].count);
    certseen_free(&cs);
}

/* Both daemons log each message: the milter's line first, with names
 * only, then the policy service's with the fingerprint. A certificate
 * renewed under the same names is still told apart. */
static void test_certs_both_daemons(void)
{
    static const char *const fp[] = { "AA:01", "BB:02", "BB:02" };
    struct certseen cs = { 0 };
    struct cert_credit credit;

    for (int m = 0; m < 3; m++) {
        time_t when = 100 * (m + 1);

        certseen_add(&cs, "mail.a.example", "A CA", "", true, when, "mx1",
                     &credit);
        certseen_refine(&cs, &credit, "mail.a.example", "A CA", fp[m], true,
                        when, "mx1");
    }
    TAP_INT((int)cs.n, 2, "both daemons: two certificates under one name");
    TAP_OK(cs.n == 2 && strcmp(cs.v[0].fp, "AA:01") == 0
           && strcmp(cs.v[1].fp, "BB:02") == 0,
           "both daemons: each with its fingerprint", "%zu", cs.n);
    TAP_OK(cs.nchanges == 1 && cs.changes[0].from == 0
           && cs.changes[0].to == 1 && cs.changes[0].when == 200,
           "both daemons: the renewal is a change, when it happened",
           "%zu changes", cs.nchanges);
    TAP_OK(cs.n == 2 && cs.v[0].count == 1 && cs.v[0].last == 100
           && cs.v[1].count == 2 && cs.v[1].first == 200
           && cs.v[1].last == 300,
           "both daemons: each message counted once, for its certificate",
           "counts %lu %lu", cs.v[0].count, cs.n > 1 ? cs.v[1].count : 0);
    /* A line with names only, and no other for its message: the
     * certificate of those names seen last. */
    certseen_add(&cs, "mail.a.example", "A CA", "", true, 350, "mx1", NULL);
    TAP_OK(cs.n == 2 && cs.v[1].count == 3 && cs.v[0].count == 1,
           "both daemons: names alone are the certificate seen last",
           "counts %lu %lu", cs.v[0].count, cs.n > 1 ? cs.v[1].count : 0);
    /* A pinned certificate no CA verified: the milter's line names none. */
    certseen_add(&cs, "", "", "", true, 400, "mx1", &credit);
    certseen_refine(&cs, &credit, "", "", "CC:03", true, 400, "mx1");
    TAP_OK(cs.n == 3 && cs.v[2].count == 1,
           "both daemons: an unnamed certificate is counted by its "
           "fingerprint", "%zu certificates", cs.n);
    certseen_free(&cs);
}

struct msg_key {
    const char *host, *queue_id, *connector, *verdict;
};

/* After the first key, is the second the same message? */
struct seen_case {
    const char *name;
    struct msg_key first, then;
    bool seen;
};

static const struct seen_case seen_cases[] = {
    { "messages: the other daemon's line of one message",
      { "mx1", "4F2A81C3D", "p0-in", "pass" },
      { "mx1", "4F2A81C3D", "p0-in", "pass" }, true },
    { "messages: another host's queue id",
      { "mx1", "4F2A81C3D", "p0-in", "pass" },
      { "mx2", "4F2A81C3D", "p0-in", "pass" }, false },
    { "messages: another queue id", { "mx1", "4F2A81C3D", "p0-in", "pass" },
      { "mx1", "4F2A81C3E", "p0-in", "pass" }, false },
    { "messages: another connector", { "mx1", "4F2A81C3D", "p0-in", "pass" },
      { "mx1", "4F2A81C3D", "p1-in", "pass" }, false },
    { "messages: another verdict", { "mx1", "4F2A81C3D", "p0-in", "pass" },
      { "mx1", "4F2A81C3D", "p0-in", "monitor" }, false },
    { "messages: fields do not run together",
      { "mx1", "4F2A81C3D", "p0-in", "pass" },
      { "mx14", "F2A81C3D", "p0-in", "pass" }, false },
};

static struct cert_credit *msg_get(struct msgseen *m, const struct msg_key *k,
                                   bool *seen)
{
    return msgseen_get(m, k->host, k->queue_id, k->connector, k->verdict,
                       seen);
}

static void test_seen_cases(void)
{
    for (size_t i = 0; i < sizeof(seen_cases) / sizeof(seen_cases[0]); i++) {
        const struct seen_case *c = &seen_cases[i];
        struct msgseen *m = msgseen_new();
        bool first = true, seen = false;

        if (m != NULL) {
            msg_get(m, &c->first, &first);
            msg_get(m, &c->then, &seen);
        }
        TAP_OK(m != NULL && !first && seen == c->seen, c->name,
               "got first seen=%d, then seen=%d, want 0 and %d", first, seen,
               c->seen);
        msgseen_free(m);
    }
}

/* Message "Q<i>" of host mx1, passed by p0-in. */
static struct cert_credit *nth_msg(struct msgseen *m, unsigned long i,
                                   bool *seen)
{
    char qid[24];

    snprintf(qid, sizeof(qid), "Q%lu", i);
    return msgseen_get(m, "mx1", qid, "p0-in", "pass", seen);
}

/* Message 0, then `others` messages, then message 0 again. */
static bool seen_after(unsigned long others, bool *credit_kept)
{
    struct msgseen *m = msgseen_new();
    struct cert_credit *c;
    bool seen = false;

    *credit_kept = false;
    if (m == NULL)
        return false;
    c = nth_msg(m, 0, &seen);
    *c = (struct cert_credit){ 7, 42 };
    for (unsigned long i = 1; i <= others; i++)
        nth_msg(m, i, &seen);
    c = nth_msg(m, 0, &seen);
    *credit_kept = seen && c->item == 7 && c->seq == 42;
    msgseen_free(m);
    return seen;
}

static void test_recent(void)
{
    struct msgseen *m = msgseen_new();
    struct cert_credit *c;
    bool seen = true, kept;

    c = m != NULL ? nth_msg(m, 0, &seen) : NULL;
    TAP_OK(c != NULL && !seen && c->item == SIZE_MAX,
           "messages: a new one has no credit yet", "item %zu, seen %d",
           c != NULL ? c->item : 0, seen);
    msgseen_free(m);
    TAP_OK(seen_after(MSGSEEN_RECENT - 1, &kept) && kept,
           "messages: the last MSGSEEN_RECENT are all remembered, with "
           "their credit", "forgotten (credit kept %d)", kept);
    TAP_OK(!seen_after(MSGSEEN_RECENT, &kept),
           "messages: the oldest makes room for the newest", "still seen");
    TAP_OK(!seen_after(3 * MSGSEEN_RECENT + 5, &kept),
           "messages: the ring goes round and round", "still seen");
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    test_periods();
    test_certs();
    test_certs_both_daemons();
    test_seen_cases();
    test_recent();
    return tap_done();
}
