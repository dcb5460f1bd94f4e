# mountns.sh - a suite's own mount namespace (unshare -m), where it mounts
# over /dev, /run or /var/log without the machine seeing any of it: a
# syslog daemon started there binds a /dev/log of its own.  Source it.

# mountns_usable [FLAG...]: this shell may run unshare -m FLAG... (root,
# and a kernel and container that allow it).
mountns_usable()
{
    command -v unshare > /dev/null && unshare -m "$@" true 2> /dev/null
}

# mountns_private_dev: a fresh tmpfs on /dev, without /dev/log, holding
# new nodes for the few devices the shell and the daemons use.  Nothing of
# the machine's /dev is reachable from here, so nothing done here can
# change it.
mountns_private_dev()
{
    local dev
    mount --make-rprivate / && mount -t tmpfs -o mode=755 none /dev ||
        return 1
    for dev in null:3 zero:5 full:7 random:8 urandom:9; do
        mknod -m 666 "/dev/${dev%:*}" c 1 "${dev#*:}" || return 1
    done
    ln -s /proc/self/fd /dev/fd
}

# mountns_tmpfs DIR...: an empty tmpfs over each DIR, which must exist
# (nothing is created outside the namespace).
mountns_tmpfs()
{
    local dir
    for dir in "$@"; do
        mount -t tmpfs -o mode=755 none "$dir" || return 1
    done
}
