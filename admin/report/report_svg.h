/* report_svg.h - a stacked bar chart of one connector's counts per
 * period, as inline SVG (no script, no external file). */
#ifndef FT_REPORT_SVG_H
#define FT_REPORT_SVG_H

#include <stdio.h>

#include "report.h"

/* The four series' names and colours, for the chart and its legend. */
extern const char *const report_series_in[4], *const report_series_out[4];
extern const char *const report_series_colour_in[4];
extern const char *const report_series_colour_out[4];

/* Every period from s's first to its last, empty ones included, so that
 * gaps show; calls fn for each with its counts (zeros for a gap). */
void report_each_period(const struct report *r, const struct rstats *s,
                        void (*fn)(void *arg, long key,
                                   const unsigned long v[4]),
                        void *arg);

void report_svg_chart(FILE *fp, const struct report *r,
                      const struct rstats *s);

#endif
