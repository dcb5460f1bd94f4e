/* test_held.c - held verdict lines come out once, in order, with the
 * queue id they are given (or NOQUEUE), and none is ever lost. */
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "held.h"
#include "tap.h"

static char logged[8192];

static void capture(int prio, const char *label, const char *line)
{
    (void)prio, (void)label;
    snprintf(logged + strlen(logged), sizeof(logged) - strlen(logged),
             "%s|", line);
}

struct held_case {
    const char *name;
    const char *lines[3];       /* held, in order */
    const char *queue_id;       /* given at the flush */
    const char *logged_at_add;  /* what went out before the flush */
    const char *logged_at_flush;
};

static const struct held_case cases[] = {
    { "two lines take the queue id", { "NOQUEUE: connector=a verdict=pass",
      "NOQUEUE: connector=b verdict=monitor" }, "4ZxYw1abcD", "",
      "4ZxYw1abcD: connector=a verdict=pass|"
      "4ZxYw1abcD: connector=b verdict=monitor|" },
    { "not queued: NOQUEUE", { "NOQUEUE: connector=a verdict=pass" }, NULL,
      "", "NOQUEUE: connector=a verdict=pass|" },
    { "an empty queue id is none", { "NOQUEUE: connector=a verdict=pass" }, "",
      "", "NOQUEUE: connector=a verdict=pass|" },
    { "a queue id unfit for the log is none",
      { "NOQUEUE: connector=a verdict=pass" }, "4Zx verdict=pass", "",
      "NOQUEUE: connector=a verdict=pass|" },
    { "a line with its queue id goes out at once",
      { "4ZxYw1abcD: connector=a verdict=pass" }, "other", 
      "4ZxYw1abcD: connector=a verdict=pass|", "" },
    { "nothing held, nothing logged", { NULL }, "4ZxYw1abcD", "", "" },
};

static void run(const struct held_case *tc)
{
    struct ft_held p = { 0 };

    logged[0] = '\0';
    for (size_t i = 0; i < 3 && tc->lines[i] != NULL; i++)
        held_add(&p, tc->lines[i]);
    TAP_STR(logged, tc->logged_at_add, tc->name);
    logged[0] = '\0';
    held_flush(&p, tc->queue_id);
    TAP_STR(logged, tc->logged_at_flush, tc->name);
    logged[0] = '\0';
    held_free(&p);
    TAP_STR(logged, "", "flushed lines are forgotten");
}

/* Past FT_HELD_MAX the lines go out at once as NOQUEUE, never dropped. */
static void test_full(void)
{
    struct ft_held p = { 0 };
    char line[1024];
    size_t n = 0, held = 0;

    memset(line, 'x', sizeof(line) - 1);
    line[sizeof(line) - 1] = '\0';
    memcpy(line, "NOQUEUE: c", 10);
    for (size_t i = 0; i < 2 * FT_HELD_MAX / sizeof(line); i++) {
        logged[0] = '\0';
        held_add(&p, line);
        if (logged[0] != '\0')
            n++;
        else
            held++;
    }
    TAP_OK(held > 0 && n > 0 && held * (sizeof(line) - 8) <= FT_HELD_MAX,
           "a full store logs the rest at once", "held %zu, logged %zu",
           held, n);
    logged[0] = '\0';
    held_free(&p);
    TAP_OK(strncmp(logged, "NOQUEUE: c", 10) == 0,
           "freeing logs what is held as NOQUEUE", "got %.40s", logged);
}

int main(void)
{
    log_set_sink(capture);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        run(&cases[i]);
    test_full();
    return tap_done();
}
