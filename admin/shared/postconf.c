/* postconf.c - ask postconf(1), not main.cf, so defaults, $name
 * expansion and compatibility_level are Postfix's own: postconf -x for
 * main.cf, -F for master.cf fields, -P for per-service -o overrides. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "postconf.h"

static int params_add(struct pc_params *p, const char *name,
                      const char *value)
{
    struct pc_param *v = realloc(p->v, (p->n + 1) * sizeof(*v));

    if (v == NULL)
        return -1;
    p->v = v;
    v[p->n].name = strdup(name);
    v[p->n].value = strdup(value);
    if (v[p->n].name == NULL || v[p->n].value == NULL) {
        free(v[p->n].name);
        free(v[p->n].value);
        return -1;
    }
    p->n++;
    return 0;
}

static const char *params_get(const struct pc_params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].name, name) == 0)
            return p->v[i].value;
    return NULL;
}

static void params_free(struct pc_params *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].name);
        free(p->v[i].value);
    }
    free(p->v);
}

typedef int (*line_fn)(void *arg, char *line);

/* Run a Postfix command, hand each line of its output to fn. Its stderr
 * goes to a pipe of its own so that its complaint becomes our message. */
static int spawn(const char *const *argv, line_fn fn, void *arg, char *err,
                 size_t errlen)
{
    int out[2], errp[2] = { -1, -1 }, status, rc = 0;
    char *line = NULL;
    size_t cap = 0;
    FILE *fp;
    pid_t pid;

    if (pipe(out) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        return -1;
    }
    if (pipe(errp) != 0 || (pid = fork()) < 0) {
        snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(errno));
        close(out[0]), close(out[1]);
        if (errp[0] >= 0)
            close(errp[0]), close(errp[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        dup2(errp[1], STDERR_FILENO);
        close(out[0]), close(out[1]), close(errp[0]), close(errp[1]);
        execvp(argv[0], (char *const *)argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(out[1]);
    close(errp[1]);
    if ((fp = fdopen(out[0], "r")) == NULL)
        close(out[0]);
    while (fp != NULL && getline(&line, &cap, fp) > 0) {
        line[strcspn(line, "\n")] = '\0';
        if (rc == 0)
            rc = fn(arg, line);
    }
    if (fp != NULL)
        fclose(fp);
    /* Keep the last complaint: "fatal: open DIR/main.cf: ..." */
    snprintf(err, errlen, "%s failed", argv[0]);
    if ((fp = fdopen(errp[0], "r")) == NULL)
        close(errp[0]);
    while (fp != NULL && getline(&line, &cap, fp) > 0) {
        line[strcspn(line, "\n")] = '\0';
        if (strstr(line, "warning:") == NULL)
            snprintf(err, errlen, "%s", line);
    }
    if (fp != NULL)
        fclose(fp);
    free(line);
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return -1;
    if (rc != 0)
        snprintf(err, errlen, "out of memory reading %s output", argv[0]);
    return rc != 0 ? -1 : WEXITSTATUS(status);
}

typedef int (*param_fn)(struct postconf *pc, char *name, char *value);

struct param_reader {
    struct postconf *pc;
    param_fn fn;
};

/* "name = value" (postconf writes "name =" for an empty value). */
static int on_param_line(void *arg, char *line)
{
    struct param_reader *r = arg;
    char *eq = strstr(line, " =");

    if (eq == NULL || (eq[2] != ' ' && eq[2] != '\0'))
        return 0;
    *eq = '\0';
    return r->fn(r->pc, line, eq[2] ? eq + 3 : eq + 2);
}

static int run(struct postconf *pc, const char *flag, param_fn fn, char *err,
               size_t errlen)
{
    const char *argv[5] = { "postconf", flag, NULL, NULL, NULL };
    struct param_reader r = { pc, fn };

    if (pc->config_dir != NULL) {
        argv[1] = "-c";
        argv[2] = pc->config_dir;
        argv[3] = flag;
    }
    return spawn(argv, on_param_line, &r, err, errlen) == 0 ? 0 : -1;
}

static int on_main(struct postconf *pc, char *name, char *value)
{
    return params_add(&pc->main, name, value);
}

static struct pc_service *service_find(struct postconf *pc, const char *name,
                                       const char *type, bool create)
{
    struct pc_service *v;

    for (size_t i = 0; i < pc->nservices; i++)
        if (strcmp(pc->services[i].name, name) == 0
            && strcmp(pc->services[i].type, type) == 0)
            return &pc->services[i];
    if (!create
        || (v = realloc(pc->services, (pc->nservices + 1) * sizeof(*v)))
            == NULL)
        return NULL;
    pc->services = v;
    v = &v[pc->nservices];
    memset(v, 0, sizeof(*v));
    if ((v->name = strdup(name)) == NULL || (v->type = strdup(type)) == NULL
        || (v->command = strdup("")) == NULL) {
        free(v->name);
        free(v->type);
        return NULL;
    }
    pc->nservices++;
    return v;
}

/* "service/type/field" into its parts; false when not that shape. The
 * service name may itself hold no '/', so split at the last two. */
static bool split3(char *name, char **svc, char **type, char **field)
{
    char *b = strrchr(name, '/'), *a;

    if (b == NULL)
        return false;
    *b = '\0';
    if ((a = strrchr(name, '/')) == NULL)
        return false;
    *a = '\0';
    *svc = name, *type = a + 1, *field = b + 1;
    return true;
}

static int on_field(struct postconf *pc, char *name, char *value)
{
    char *svc, *type, *field;
    struct pc_service *s;

    if (!split3(name, &svc, &type, &field))
        return 0;
    if ((s = service_find(pc, svc, type, true)) == NULL)
        return -1;
    /* "-" is the default: no chroot since Postfix 3.0. */
    if (strcmp(field, "chroot") == 0)
        s->chroot = strcmp(value, "y") == 0;
    else if (strcmp(field, "command") == 0) {
        free(s->command);
        if ((s->command = strndup(value, strcspn(value, " \t"))) == NULL)
            return -1;
    }
    return 0;
}

static int on_override(struct postconf *pc, char *name, char *value)
{
    char *svc, *type, *param;
    struct pc_service *s;

    if (!split3(name, &svc, &type, &param))
        return 0;
    if ((s = service_find(pc, svc, type, true)) == NULL)
        return -1;
    return params_add(&s->overrides, param, value);
}

int postconf_load(const char *dir, struct postconf *pc, char *err,
                  size_t errlen)
{
    memset(pc, 0, sizeof(*pc));
    if (dir != NULL && (pc->config_dir = strdup(dir)) == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (run(pc, "-x", on_main, err, errlen) != 0
        || run(pc, "-F", on_field, err, errlen) != 0
        || run(pc, "-Px", on_override, err, errlen) != 0) {
        postconf_free(pc);
        return -1;
    }
    return 0;
}

void postconf_free(struct postconf *pc)
{
    params_free(&pc->main);
    for (size_t i = 0; i < pc->nservices; i++) {
        free(pc->services[i].name);
        free(pc->services[i].type);
        free(pc->services[i].command);
        params_free(&pc->services[i].overrides);
    }
    free(pc->services);
    free(pc->config_dir);
    memset(pc, 0, sizeof(*pc));
}

const char *postconf_get(const struct postconf *pc, const char *name)
{
    return params_get(&pc->main, name);
}

const char *postconf_service_get(const struct postconf *pc,
                                 const struct pc_service *svc,
                                 const char *name)
{
    const char *v = params_get(&svc->overrides, name);

    return v != NULL ? v : params_get(&pc->main, name);
}

const char *postconf_value(const struct postconf *pc, const char *name)
{
    const char *v = postconf_get(pc, name);

    return v != NULL ? v : "";
}

const char *postconf_service_value(const struct postconf *pc,
                                   const struct pc_service *svc,
                                   const char *name)
{
    const char *v = postconf_service_get(pc, svc, name);

    return v != NULL ? v : "";
}

bool postconf_yes(const char *value)
{
    return value != NULL && strcasecmp(value, "yes") == 0;
}

static int list_push(char ***v, size_t *n, const char *s, size_t len)
{
    char **grown = realloc(*v, (*n + 1) * sizeof(**v));

    if (grown == NULL)
        return -1;
    *v = grown;
    if ((grown[*n] = strndup(s, len)) == NULL)
        return -1;
    ++*n;
    return 0;
}

char **postconf_list(const char *value, size_t *n)
{
    static const char sep[] = ", \t\r\n";
    const char *p = value;
    char **v = NULL;
    size_t len;

    *n = 0;
    while (*(p += strspn(p, sep)) != '\0') {
        if (*p == '{') {
            const char *end = strchr(p, '}');
            const char *item = p + 1 + strspn(p + 1, sep);

            len = strcspn(item, ",} \t\r\n");
            if (len > 0 && list_push(&v, n, item, len) != 0)
                break;
            p = end != NULL ? end + 1 : p + strlen(p);
            continue;
        }
        len = strcspn(p, sep);
        if (list_push(&v, n, p, len) != 0)
            break;
        p += len;
    }
    return v;
}

void postconf_list_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

struct query_answer {
    char *out;
    size_t len;
};

static int on_query_line(void *arg, char *line)
{
    struct query_answer *a = arg;

    snprintf(a->out, a->len, "%s", line);
    return 0;
}

int postconf_query(const struct postconf *pc, const char *map,
                   const char *key, char *out, size_t len)
{
    const char *argv[7] = { "postmap", "-q", key, map, NULL, NULL, NULL };
    struct query_answer a = { out, len };
    char err[512];
    int rc;

    if (pc->config_dir != NULL) {
        argv[1] = "-c", argv[2] = pc->config_dir;
        argv[3] = "-q", argv[4] = key, argv[5] = map;
    }
    out[0] = '\0';
    rc = spawn(argv, on_query_line, &a, err, sizeof(err));
    return rc == 0 ? 1 : rc == 1 ? 0 : -1;
}

struct dump {
    postconf_entry_fn *fn;
    void *arg;
};

/* postmap -s writes "key<TAB>value". */
static int on_dump_line(void *arg, char *line)
{
    struct dump *d = arg;
    char *tab = strchr(line, '\t');

    if (tab == NULL)
        return 0;
    *tab = '\0';
    d->fn(line, tab + 1, d->arg);
    return 0;
}

int postconf_dump(const struct postconf *pc, const char *map,
                  postconf_entry_fn *fn, void *arg, char *err, size_t errlen)
{
    const char *argv[6] = { "postmap", "-s", map, NULL, NULL, NULL };
    struct dump d = { fn, arg };

    if (pc->config_dir != NULL) {
        argv[1] = "-c", argv[2] = pc->config_dir;
        argv[3] = "-s", argv[4] = map;
    }
    return spawn(argv, on_dump_line, &d, err, errlen) == 0 ? 0 : -1;
}

bool postconf_version_at_least(const struct postconf *pc, int major,
                               int minor)
{
    const char *v = postconf_get(pc, "mail_version");
    int ma = 0, mi = 0;

    if (v == NULL || sscanf(v, "%d.%d", &ma, &mi) < 1)
        return true;          /* unknown: assume a current Postfix */
    return ma > major || (ma == major && mi >= minor);
}
