"""What a child applies to itself once it has loaded everything it will ever need, and what the
app applies to itself at start.

Linux, in the child (:func:`confine`): ``PR_SET_NO_NEW_PRIVS``, not dumpable (no ptrace by
other processes of the user, no core), ``RLIMIT_CORE`` 0, an address-space and a CPU-time
limit, and a seccomp filter (libseccomp through ``pyseccomp``) that answers EACCES/EPERM —
not a kill, so the child can still report — to opening any file, creating or connecting a
socket, ``execve``, ``fork``/``vfork``/``clone`` of a process (threads stay allowed),
``ptrace``, reading or writing another process's memory, ``io_uring``, signalling another
process, changing the file system by path (mkdir, unlink, rename, link, chmod, chown,
truncate…), mounting, namespaces and the like. ``clone3`` answers ENOSYS so that glibc falls
back to ``clone``, whose flags the filter can see. Everything else is allowed: Python and
MuPDF keep working (a deny-list, not an allow-list).

What could not be put in force (no libseccomp, an old kernel) is left out and named in the
:class:`Report`; the child sends it in its first message and the app logs it.

macOS: the resource limits only (no seccomp; the address-space limit is not enforced there).
Windows: nothing beyond the clean environment the app starts the child with (no job object
or restricted token yet).
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from dataclasses import dataclass

PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38
CLONE_THREAD = 0x00010000

OPEN_CALLS = ("open", "openat", "openat2", "creat", "open_by_handle_at", "name_to_handle_at")
DENIED_CALLS = (
    # sockets
    "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
    # new programs and processes
    "execve", "execveat", "fork", "vfork",
    # other processes
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_open", "pidfd_getfd", "pidfd_send_signal",
    "tkill", "kcmp", "process_madvise", "process_mrelease", "migrate_pages", "move_pages",
    "setpriority", "sched_setaffinity", "sched_setscheduler", "sched_setparam", "ioprio_set",
    # kernel attack surface the renderer never needs
    "io_uring_setup", "io_uring_enter", "io_uring_register", "bpf", "perf_event_open", "userfaultfd",
    "keyctl", "add_key", "request_key", "unshare", "setns", "mount", "umount2", "pivot_root", "chroot",
    "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
    "swapon", "swapoff", "reboot", "kexec_load", "kexec_file_load", "init_module", "finit_module",
    "delete_module", "acct", "quotactl", "syslog", "fanotify_init", "inotify_init", "inotify_init1",
    # the file system by path (and the pixel segments: no shrinking under the app's feet)
    "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2", "link", "linkat",
    "symlink", "symlinkat", "mknod", "mknodat", "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "fchown",
    "lchown", "fchownat", "truncate", "ftruncate", "fallocate", "utime", "utimes", "utimensat", "futimesat",
    "setxattr", "lsetxattr", "fsetxattr", "removexattr", "lremovexattr", "fremovexattr",
)

FEATURES = ("clean-env", "no-new-privs", "not-dumpable", "no-core", "memory-limit", "cpu-limit", "seccomp")


@dataclass(frozen=True)
class Confinement:
    """A child's resource limits."""

    address_space: int  # bytes of virtual memory
    cpu_seconds: int


# The render process lives as long as the app (a child stopped by a limit is restarted);
# an export child does one export and goes.
LONG_LIVED = Confinement(address_space=8 * 2**30, cpu_seconds=4 * 3600)
ONE_SHOT = Confinement(address_space=8 * 2**30, cpu_seconds=600)


@dataclass(frozen=True)
class Report:
    in_force: tuple[str, ...]
    missing: tuple[str, ...]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, value: int) -> bool:
    libc = _libc()
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    libc.prctl.restype = ctypes.c_int
    return bool(libc.prctl(option, value, 0, 0, 0) == 0)


def _setrlimit(name: str, value: int) -> bool:
    try:
        import resource

        resource.setrlimit(getattr(resource, name), (value, value))
        return True
    except (ImportError, AttributeError, ValueError, OSError):
        return False


def harden_app() -> None:
    """The app: no core dumps (decrypted PDFs and keys are in its memory) and, on Linux, not
    dumpable — other processes of the user (a render child too) cannot ptrace it or open its
    ``/proc/<pid>/fd`` and ``mem``. Children inherit the core limit."""
    _setrlimit("RLIMIT_CORE", 0)
    if sys.platform.startswith("linux"):
        _prctl(PR_SET_DUMPABLE, 0)


def _seccomp(pid: int) -> list[str]:
    """Load the filter; the names of the rules that could not be added (empty: all in force)."""
    try:
        import pyseccomp as sc  # type: ignore[import-untyped]
    except (ImportError, RuntimeError, OSError):  # RuntimeError: the package found no libseccomp
        return ["seccomp"]
    failed: list[str] = []
    flt = sc.SyscallFilter(sc.ALLOW)

    def rule(action: int, name: str, *args: object) -> None:
        try:
            flt.add_rule(action, name, *args)
        except (OSError, ValueError):  # unknown to this libseccomp or architecture
            failed.append(name)

    for name in OPEN_CALLS:
        rule(sc.ERRNO(errno.EACCES), name)
    for name in DENIED_CALLS:
        rule(sc.ERRNO(errno.EPERM), name)
    rule(sc.ERRNO(errno.ENOSYS), "clone3")  # glibc then falls back to clone, checked below
    rule(sc.ERRNO(errno.EPERM), "clone", sc.Arg(0, sc.MASKED_EQ, CLONE_THREAD, 0))  # a process, not a thread
    for name in ("kill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo"):  # only ourselves
        rule(sc.ERRNO(errno.EPERM), name, sc.Arg(0, sc.NE, pid))
    rule(sc.ERRNO(errno.EPERM), "prlimit64", sc.Arg(0, sc.NE, 0))  # 0 = this process (glibc's own calls)
    essential = set(OPEN_CALLS[:2]) | {"socket", "execve", "fork", "clone", "clone3", "ptrace"}
    if essential & set(failed):
        return ["seccomp"]
    try:
        flt.load()
    except OSError:
        return ["seccomp"]
    return [f"seccomp:{name}" for name in failed]


def confine(limits: Confinement, *, clean_env: bool) -> Report:
    """Apply everything this platform offers to the calling (child) process; say what holds."""
    done: list[str] = []
    missing: list[str] = []

    def note(feature: str, ok: bool) -> None:
        (done if ok else missing).append(feature)

    note("clean-env", clean_env)
    linux = sys.platform.startswith("linux")
    note("no-new-privs", linux and _prctl(PR_SET_NO_NEW_PRIVS, 1))
    note("not-dumpable", linux and _prctl(PR_SET_DUMPABLE, 0))
    note("no-core", _setrlimit("RLIMIT_CORE", 0))
    note("memory-limit", sys.platform != "darwin" and _setrlimit("RLIMIT_AS", limits.address_space))
    note("cpu-limit", _setrlimit("RLIMIT_CPU", limits.cpu_seconds))
    if linux:
        problems = _seccomp(os.getpid())
        note("seccomp", not problems)
        missing += [p for p in problems if p != "seccomp"]
    else:
        missing.append("seccomp")
    return Report(tuple(done), tuple(missing))
