/* findings.c - the checklist of forcetls check, as text for people and as
 * JSON for scripts; both hold the same findings in the same order. */
#define _GNU_SOURCE /* vasprintf */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "json.h"

static const char *const level_names[] = { "ok", "warning", "error" };

void findings_add(struct findings *f, enum finding_level level,
                  const char *check, const char *fmt, ...)
{
    struct finding *v = realloc(f->v, (f->n + 1) * sizeof(*v));
    va_list ap;
    int n;

    if (level == FINDING_ERROR)
        f->errors++;
    else if (level == FINDING_WARNING)
        f->warnings++;
    if (v == NULL) {
        f->oom = 1;
        return;
    }
    f->v = v;
    v = &v[f->n];
    v->level = level;
    v->check = strdup(check);
    va_start(ap, fmt);
    n = vasprintf(&v->text, fmt, ap);
    va_end(ap);
    if (v->check == NULL || n < 0) {
        free(v->check);
        f->oom = 1;
        return;
    }
    f->n++;
}

void findings_print_text(const struct findings *f, FILE *fp)
{
    for (size_t i = 0; i < f->n; i++)
        fprintf(fp, "%-8s %s: %s\n", level_names[f->v[i].level],
                f->v[i].check, f->v[i].text);
    if (f->oom)
        fprintf(fp, "error    out of memory: some findings are missing\n");
    fprintf(fp, "%zu error%s, %zu warning%s\n", f->errors,
            f->errors == 1 ? "" : "s", f->warnings,
            f->warnings == 1 ? "" : "s");
}

void findings_print_json(const struct findings *f, const char *conf_path,
                         const char *postfix_dir, FILE *fp)
{
    fprintf(fp, "{\"config\": ");
    json_string(fp, conf_path);
    fprintf(fp, ", \"postfix_config_directory\": ");
    if (postfix_dir != NULL)
        json_string(fp, postfix_dir);
    else
        fprintf(fp, "null");
    fprintf(fp, ",\n \"findings\": [");
    for (size_t i = 0; i < f->n; i++) {
        fprintf(fp, "%s\n  {\"level\": \"%s\", \"check\": ", i ? "," : "",
                level_names[f->v[i].level]);
        json_string(fp, f->v[i].check);
        fprintf(fp, ", \"message\": ");
        json_string(fp, f->v[i].text);
        fprintf(fp, "}");
    }
    fprintf(fp, "],\n \"complete\": %s, \"errors\": %zu, \"warnings\": %zu}\n",
            f->oom ? "false" : "true", f->errors, f->warnings);
}

int findings_status(const struct findings *f)
{
    if (f->errors > 0 || f->oom)
        return 2;
    return f->warnings > 0 ? 1 : 0;
}

void findings_free(struct findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].check);
        free(f->v[i].text);
    }
    free(f->v);
    memset(f, 0, sizeof(*f));
}
