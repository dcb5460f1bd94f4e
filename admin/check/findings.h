/* findings.h - what forcetls check found: a checklist of ok, warning and
 * error lines, each with a stable check name for scripts. */
#ifndef FT_FINDINGS_H
#define FT_FINDINGS_H

#include <stddef.h>
#include <stdio.h>

enum finding_level { FINDING_OK, FINDING_WARNING, FINDING_ERROR };

struct finding {
    enum finding_level level;
    char *check;          /* "cert-expired", "postfix-ask-ccert" */
    char *text;
};

struct findings {
    struct finding *v;
    size_t n;
    size_t errors, warnings;
    int oom;              /* a finding was lost to memory: say so */
};

void findings_add(struct findings *f, enum finding_level level,
                  const char *check, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

void findings_print_text(const struct findings *f, FILE *fp);
void findings_print_json(const struct findings *f, const char *conf_path,
                         const char *postfix_dir, FILE *fp);

/* 0 all ok, 1 warnings, 2 errors. */
int findings_status(const struct findings *f);

void findings_free(struct findings *f);

#endif
