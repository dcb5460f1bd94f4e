/* cmd_report.c - forcetls report: the mail logs read (report_read.c),
 * then printed as text, JSON, an HTML page or CSV files; the exit status
 * says whether every file could be read. */
#include <getopt.h>
#include <stdio.h>
#include <sysexits.h>
#include <time.h>

#include "report.h"
#include "report_opts.h"
#include "tool.h"

static int write_outputs(const struct report *r, const struct report_opts *o)
{
    char err[512];

    if (o->html != NULL && report_write_html(r, o->html) != 0) {
        fprintf(stderr, TOOL_NAME " report: %s: %m\n", o->html);
        return EX_CANTCREAT;
    }
    if (o->csv != NULL && report_write_csv(r, o->csv, err, sizeof(err))
        != 0) {
        fprintf(stderr, TOOL_NAME " report: %s\n", err);
        return EX_CANTCREAT;
    }
    if (o->json)
        report_print_json(r, stdout);
    else if (o->html == NULL && o->csv == NULL)
        report_print_text(r, stdout);
    return EX_OK;
}

int cmd_report(int argc, char **argv)
{
    struct report_opts o = { 0 };
    struct report r = { 0 };
    struct ft_conf *conf = NULL;
    int rc;

    if ((rc = report_parse_args(argc, argv, &o, &r)) != EX_OK)
        return rc;
    if ((conf = tool_conf_load("report", o.conf_path)) == NULL)
        return EX_CONFIG;
    r.conf = conf;
    rc = EX_SOFTWARE;
    if (report_read(&r, argv + optind, (size_t)(argc - optind), time(NULL))
        != 0)
        goto out;
    if ((rc = write_outputs(&r, &o)) == EX_OK)
        rc = r.unreadable_files ? EX_NOINPUT
            : r.damaged_files   ? EX_DATAERR
                                : EX_OK;
out:
    if (rc == EX_SOFTWARE)
        fprintf(stderr, TOOL_NAME " report: out of memory\n");
    report_free(&r);
    conf_unref(conf);
    return rc;
}
