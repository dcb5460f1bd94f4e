/* logline.c - syslog line framing: time stamps in BSD and RFC 3339 form,
 * then "program[pid]: "; anything else is not a line we read. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logline.h"

static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

/* n digits at p into *v; false when one is not a digit. Time stamps are
 * read by hand: sscanf() is most of the time of reading a big log. */
static bool digits(const char *p, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)p[i]))
            return false;
        *v = *v * 10 + (p[i] - '0');
    }
    return true;
}

/* "Nov 23 19:20:42 " (the day may be " 3") -> tm without year; returns
 * the text after it. */
static const char *bsd_time(const char *p, struct tm *tm)
{
    const char *m;

    if (strnlen(p, 16) < 16 || p[3] != ' ' || p[6] != ' ' || p[9] != ':'
        || p[12] != ':' || p[15] != ' ')
        return NULL;
    for (m = months; *m; m += 3)
        if (strncmp(p, m, 3) == 0)
            break;
    if (*m == '\0')
        return NULL;
    memset(tm, 0, sizeof(*tm));
    tm->tm_mon = (int)(m - months) / 3;
    if (!(p[4] == ' ' ? digits(p + 5, 1, &tm->tm_mday)
                      : digits(p + 4, 2, &tm->tm_mday))
        || !digits(p + 7, 2, &tm->tm_hour) || !digits(p + 10, 2, &tm->tm_min)
        || !digits(p + 13, 2, &tm->tm_sec))
        return NULL;
    return p + 16;
}

long logline_days_from_civil(long y, int m, int d)
{
    long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* "hh:mm" or "hhmm" at p, digits only, so a line cut short inside the
 * offset is never read past its end; the length read, or 0. */
static int utc_offset(const char *p, int *oh, int *om)
{
    int colon;

    for (int i = 0; i < 2; i++)
        if (!isdigit((unsigned char)p[i]))
            return 0;
    colon = p[2] == ':';
    for (int i = 2 + colon; i < 4 + colon; i++)
        if (!isdigit((unsigned char)p[i]))
            return 0;
    *oh = (p[0] - '0') * 10 + (p[1] - '0');
    *om = (p[2 + colon] - '0') * 10 + (p[3 + colon] - '0');
    return 4 + colon;
}

/* "2026-11-23T19:20:42[.frac][Z|+hh:mm|+hhmm] " -> UTC seconds; +hhmm is
 * journalctl -o short-iso. */
static const char *iso_time(const char *p, time_t *out)
{
    int y, mo, d, h, mi, sec, oh = 0, om = 0, len;
    char sign = 0;
    const char *q;

    if (!digits(p, 4, &y) || p[4] != '-' || !digits(p + 5, 2, &mo)
        || p[7] != '-' || !digits(p + 8, 2, &d) || p[10] != 'T'
        || !digits(p + 11, 2, &h) || p[13] != ':' || !digits(p + 14, 2, &mi)
        || p[16] != ':' || !digits(p + 17, 2, &sec) || mo < 1 || mo > 12
        || d < 1 || d > 31)
        return NULL;
    q = p + 19;
    if (*q == '.')
        for (q++; isdigit((unsigned char)*q); q++)
            ;
    if (*q == 'Z') {
        q++;
    } else if (*q == '+' || *q == '-') {
        if ((len = utc_offset(q + 1, &oh, &om)) == 0)
            return NULL;
        sign = *q;
        q += 1 + len;
    }
    if (*q != ' ')
        return NULL;
    *out = (time_t)(logline_days_from_civil(y, mo, d) * 86400 + h * 3600
                    + mi * 60 + sec)
        - (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    return q + 1;
}

/* "prog[pid]: " at p. */
static bool tag(const char *p, struct log_line *out)
{
    size_t n = strcspn(p, "[ :");
    const char *q = p + n + 1;
    long pid = 0;

    if (p[n] != '[' || n == 0 || n >= sizeof(out->prog))
        return false;
    for (; isdigit((unsigned char)*q) && pid < 100000000; q++)
        pid = pid * 10 + (*q - '0');
    if (q == p + n + 1 || q[0] != ']' || q[1] != ':' || q[2] != ' ')
        return false;
    out->pid = pid;
    memcpy(out->prog, p, n);
    out->prog[n] = '\0';
    out->text = q + 3;
    return true;
}

static time_t with_year(struct tm *tm, time_t now)
{
    struct tm t;
    time_t when;

    localtime_r(&now, &t);
    tm->tm_year = t.tm_year;
    tm->tm_isdst = -1;
    when = mktime(tm);
    if (when > now + 86400) {         /* December's lines read in January */
        tm->tm_year--;
        tm->tm_isdst = -1;
        when = mktime(tm);
    }
    return when;
}

bool logline_split(const char *line, time_t now, struct log_line *out)
{
    const char *p;
    struct tm tm;

    memset(out, 0, sizeof(*out));
    if ((p = bsd_time(line, &tm)) != NULL) {
        out->time = with_year(&tm, now);
        out->has_time = true;
    } else if ((p = iso_time(line, &out->time)) != NULL) {
        out->has_time = true;
    }
    if (p != NULL) {
        size_t n = strcspn(p, " ");
        size_t keep = n < sizeof(out->host) ? n : sizeof(out->host) - 1;

        memcpy(out->host, p, keep);
        out->host[keep] = '\0';
        p += n + (p[n] == ' ');
    } else {
        p = line;
    }
    return tag(p, out);
}

bool logline_parse_date(const char *text, time_t *out)
{
    struct tm tm;
    int n = 0;

    memset(&tm, 0, sizeof(tm));
    if (sscanf(text, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &n) != 3)
        return false;
    if (text[n] == ' ' || text[n] == 'T') {
        int m = 0;
        if (sscanf(text + n + 1, "%2d:%2d%n:%2d%n", &tm.tm_hour, &tm.tm_min,
                   &m, &tm.tm_sec, &m) < 2)
            return false;
        n += 1 + m;
    }
    if (text[n] != '\0' || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1
        || tm.tm_mday > 31)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    *out = mktime(&tm);
    return true;
}
