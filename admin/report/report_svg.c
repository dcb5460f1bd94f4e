/* report_svg.c - the chart people look at before the table they check:
 * one bar per period, stacked by verdict, a light grid with its scale,
 * a few period labels, a tooltip per bar. Sizes are in the viewBox, so
 * the chart scales to the page and to paper. */
#include <string.h>

#include "report_svg.h"

#define W 720.0
#define H 200.0
#define LEFT 48.0
#define RIGHT 8.0
#define TOP 10.0
#define BOTTOM 28.0
#define MAX_LABELS 8

const char *const report_series_in[4] = { "pass", "reject", "defer",
                                          "monitor" };
const char *const report_series_out[4] = { "sent", "deferred", "bounced",
                                           "other" };
/* Green for what met the requirement, red for refused or bounced, amber
 * for what waits, violet for monitor (or other). */
const char *const report_series_colour_in[4] = { "#2da44e", "#cf222e",
                                                 "#d4a72c", "#8250df" };
const char *const report_series_colour_out[4] = { "#2da44e", "#d4a72c",
                                                  "#cf222e", "#8250df" };

static long next_period(const struct report *r, long key)
{
    return key + (r->pc.by == PERIOD_WEEK ? 7 : 1);
}

void report_each_period(const struct report *r, const struct rstats *s,
                        void (*fn)(void *arg, long key,
                                   const unsigned long v[4]),
                        void *arg)
{
    static const unsigned long zero[4] = { 0 };
    size_t i = 0;

    if (s->nperiods == 0)
        return;
    for (long k = s->periods[0].key; k <= s->periods[s->nperiods - 1].key;
         k = next_period(r, k)) {
        if (i < s->nperiods && s->periods[i].key == k)
            fn(arg, k, s->periods[i++].v);
        else
            fn(arg, k, zero);
    }
}

struct chart {
    FILE *fp;
    const struct report *r;
    const char *const *series, *const *colour;
    size_t n, i;
    unsigned long max;
    double bar;
};

static void count_one(void *arg, long key, const unsigned long v[4])
{
    struct chart *c = arg;
    unsigned long total = v[0] + v[1] + v[2] + v[3];

    (void)key;
    c->n++;
    if (total > c->max)
        c->max = total;
}

/* 1, 2, 5 times a power of ten, at least n. */
static unsigned long nice(unsigned long n)
{
    unsigned long p = 1;

    for (;;) {
        if (n <= p)
            return p;
        if (n <= 2 * p)
            return 2 * p;
        if (n <= 5 * p)
            return 5 * p;
        p *= 10;
    }
}

static void draw_one(void *arg, long key, const unsigned long v[4])
{
    struct chart *c = arg;
    double x = LEFT + (double)c->i * c->bar, y = H - BOTTOM;
    double plot = H - TOP - BOTTOM;
    size_t every = c->n / MAX_LABELS + 1;
    char label[32];

    period_label(c->r->pc.by, key, label, sizeof(label));
    fprintf(c->fp, "<g><title>%s: %lu %s, %lu %s, %lu %s, %lu %s</title>",
            label, v[0], c->series[0], v[1], c->series[1], v[2],
            c->series[2], v[3], c->series[3]);
    for (int k = 0; k < 4; k++) {
        double h = plot * (double)v[k] / (double)c->max;

        if (v[k] == 0)
            continue;
        y -= h;
        fprintf(c->fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                "height=\"%.1f\" fill=\"%s\"/>", x + c->bar * 0.1, y,
                c->bar * 0.8, h, c->colour[k]);
    }
    fprintf(c->fp, "</g>\n");
    if (c->i % every == 0)
        fprintf(c->fp, "<text x=\"%.1f\" y=\"%.1f\" class=\"xl\">%s</text>\n",
                x + c->bar / 2, H - BOTTOM + 16, label);
    c->i++;
}

void report_svg_chart(FILE *fp, const struct report *r,
                      const struct rstats *s)
{
    struct chart c = { fp, r, s->inbound ? report_series_in
                                         : report_series_out,
                       s->inbound ? report_series_colour_in
                                  : report_series_colour_out, 0, 0, 0, 0 };

    report_each_period(r, s, count_one, &c);
    if (c.n == 0)
        return;
    c.max = nice(c.max ? c.max : 1);
    c.bar = (W - LEFT - RIGHT) / (double)c.n;
    fprintf(fp, "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
            "aria-label=\"%s per %s\">\n",
            W, H, s->inbound ? "verdicts" : "deliveries", report_by_name(r));
    for (int g = 0; g <= 2; g++) {
        double y = H - BOTTOM - (H - TOP - BOTTOM) * g / 2.0;

        fprintf(fp, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" "
                "class=\"grid\"/><text x=\"%.0f\" y=\"%.1f\" class=\"yl\">"
                "%g</text>\n", LEFT, W - RIGHT, y, y, LEFT - 6, y + 4,
                (double)c.max * g / 2.0);
    }
    report_each_period(r, s, draw_one, &c);
    fprintf(fp, "</svg>\n");
}
