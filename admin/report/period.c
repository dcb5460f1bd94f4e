/* period.c - periods as numbers: days since 1970-01-01 (local calendar),
 * Mondays of ISO weeks as such days, months as year * 12 + month. The
 * span of the last period is kept, so a log read in time order converts
 * a time once per period, not once per line. */
#include <stdio.h>
#include <string.h>

#include "logline.h"
#include "period.h"

bool period_by_parse(const char *name, enum period_by *by)
{
    static const char *const names[] = { "day", "week", "month" };

    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) {
            *by = (enum period_by)i;
            return true;
        }
    return false;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    long era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The local time at which day number `day` starts. */
static time_t day_start(long day)
{
    struct tm tm;
    int y, m, d;

    civil_from_days(day, &y, &m, &d);
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static long first_day(enum period_by by, long key)
{
    if (by == PERIOD_MONTH)
        return logline_days_from_civil(key / 12, (int)(key % 12) + 1, 1);
    return key;
}

static long next_key(enum period_by by, long key)
{
    return key + (by == PERIOD_DAY ? 1 : by == PERIOD_WEEK ? 7 : 1);
}

long period_of(struct period_cache *pc, time_t t)
{
    struct tm tm;
    long day;

    if (pc->valid && t >= pc->lo && t < pc->hi)
        return pc->key;
    localtime_r(&t, &tm);
    day = logline_days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1,
                                  tm.tm_mday);
    if (pc->by == PERIOD_DAY)
        pc->key = day;
    else if (pc->by == PERIOD_WEEK)
        pc->key = day - (tm.tm_wday + 6) % 7;          /* its Monday */
    else
        pc->key = (tm.tm_year + 1900L) * 12 + tm.tm_mon;
    pc->lo = day_start(first_day(pc->by, pc->key));
    pc->hi = day_start(first_day(pc->by, next_key(pc->by, pc->key)));
    pc->valid = t >= pc->lo && t < pc->hi;
    return pc->key;
}

void period_label(enum period_by by, long key, char *buf, size_t len)
{
    int y, m, d;

    if (by == PERIOD_MONTH) {
        snprintf(buf, len, "%04ld-%02ld", key / 12, key % 12 + 1);
        return;
    }
    civil_from_days(key, &y, &m, &d);
    if (by == PERIOD_DAY) {
        snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
        return;
    }
    /* The ISO week's year is the year of its Thursday. */
    civil_from_days(key + 3, &y, &m, &d);
    snprintf(buf, len, "%04d-W%02ld", y,
             (key + 3 - logline_days_from_civil(y, 1, 1)) / 7 + 1);
}
