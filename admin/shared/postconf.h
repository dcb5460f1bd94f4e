/* postconf.h - a Postfix configuration as postconf(1) reports it: main.cf
 * with defaults expanded, and master.cf services with their -o overrides. */
#ifndef FT_POSTCONF_H
#define FT_POSTCONF_H

#include <stdbool.h>
#include <stddef.h>

struct pc_param {
    char *name;
    char *value;
};

struct pc_params {
    struct pc_param *v;
    size_t n;
};

struct pc_service {
    char *name;              /* "smtp", "127.0.0.1:2525" */
    char *type;              /* "inet", "unix" */
    char *command;           /* first word: "smtpd" */
    bool chroot;
    struct pc_params overrides;
};

struct postconf {
    char *config_dir;        /* NULL: Postfix's default */
    struct pc_params main;
    struct pc_service *services;
    size_t nservices;
};

/* Run postconf (with -c dir unless dir is NULL) and read its answers;
 * on failure -1 with why (postconf's own message) in err. */
int postconf_load(const char *dir, struct postconf *pc, char *err,
                  size_t errlen);
void postconf_free(struct postconf *pc);

/* A main.cf parameter, NULL when this Postfix has no such parameter. */
const char *postconf_get(const struct postconf *pc, const char *name);

/* The value a service runs with: its -o override, else main.cf. */
const char *postconf_service_get(const struct postconf *pc,
                                 const struct pc_service *svc,
                                 const char *name);

/* The same two, "" where this Postfix has no such parameter: for
 * comparing and printing values. */
const char *postconf_value(const struct postconf *pc, const char *name);
const char *postconf_service_value(const struct postconf *pc,
                                   const struct pc_service *svc,
                                   const char *name);

/* Postfix's boolean spelling ("yes"/"no", any case). */
bool postconf_yes(const char *value);

/* Split a Postfix list value at commas and white space; a "{ ... }"
 * group is one element, given as its first item ("{ unix:/p, timeout=5 }"
 * -> "unix:/p"). Free with postconf_list_free(). */
char **postconf_list(const char *value, size_t *n);
void postconf_list_free(char **v, size_t n);

/* Look key up in a Postfix table with postmap -q: 1 found (value in out),
 * 0 not found, -1 the table cannot be read. */
int postconf_query(const struct postconf *pc, const char *map,
                   const char *key, char *out, size_t len);

/* Every entry of an indexed table (postmap -s): 0, or -1 with why. */
typedef void postconf_entry_fn(const char *key, const char *value,
                               void *arg);
int postconf_dump(const struct postconf *pc, const char *map,
                  postconf_entry_fn *fn, void *arg, char *err, size_t errlen);

/* mail_version is major.minor or later (true when it cannot be read). */
bool postconf_version_at_least(const struct postconf *pc, int major,
                               int minor);

#endif
