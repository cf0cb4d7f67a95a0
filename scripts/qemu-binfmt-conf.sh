#!/bin/sh
# Register qemu-e2k with the Linux kernel's binfmt_misc, so e2k ELF
# executables run directly (./prog instead of qemu-e2k ./prog).
#
# Same options and output formats as QEMU's scripts/qemu-binfmt-conf.sh:
# register now through /proc/sys/fs/binfmt_misc (root), or write a
# systemd binfmt.d file (--systemd) or a Debian update-binfmts file
# (--debian) into --exportdir, which needs no privileges.
#
# Registering now works on kernels with binfmt_misc built in (no module,
# no modprobe): the file system is mounted when it is not; an existing
# qemu-e2k entry is reported, not overwritten; --unregister removes it.
# QEMU_BINFMT_MISC_DIR names another directory to use as the binfmt_misc
# one, as it is (nothing mounted or loaded): for tests.
#
# The magic/mask match a 64-bit little-endian ELF with e_machine 175
# (EM_MCST_ELBRUS) and e_type EXEC or DYN (the mask clears bit 0 of
# e_type); EI_OSABI and the padding are ignored.
#
# SPDX-License-Identifier: GPL-2.0-or-later

e2k_magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xaf\x00'
e2k_mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
e2k_family=e2k

qemu_target_list="e2k"

usage() {
    cat <<EOF
Usage: qemu-binfmt-conf.sh [--qemu-path PATH][--debian][--systemd CPU]
                           [--help][--credential yes|no][--exportdir PATH]
                           [--persistent yes|no][--qemu-suffix SUFFIX]
                           [--preserve-argv0 yes|no]

       Configure binfmt_misc to use qemu interpreter

       --help:        display this usage
       --qemu-path:   set path to qemu interpreter ($QEMU_PATH)
       --qemu-suffix: add a suffix to the default interpreter name
       --debian:      don't write into /proc,
                      instead generate update-binfmts templates
       --systemd:     don't write into /proc,
                      instead generate file for systemd-binfmt.service
                      for the given CPU. If CPU is "ALL", generate a
                      file for all known cpus
       --exportdir:   define where to write configuration files
                      (default: $SYSTEMDDIR or $DEBIANDIR)
       --credential:  if yes, credential and security tokens are
                      calculated according to the binary to interpret
       --persistent:  if yes, the interpreter is loaded when binfmt is
                      configured and remains in memory. All future uses
                      are cloned from the open file.
       --preserve-argv0 preserve argv[0]
       --unregister:  remove the qemu-CPU entry from binfmt_misc

    To import templates with update-binfmts, use :

        sudo update-binfmts --importdir ${EXPORTDIR:-$DEBIANDIR} --import qemu-CPU

    To remove interpreter, use :

        sudo update-binfmts --package qemu-CPU --remove qemu-CPU $QEMU_PATH

    With systemd, binfmt files are loaded by systemd-binfmt.service

    The environment variable HOST_ARCH allows to override 'uname' to generate
    configuration files for a different architecture than the current one.

    where CPU is one of:

        $qemu_target_list

EOF
}

die() {
    echo "qemu-binfmt-conf.sh: $*" >&2
    exit 1
}

check_yes_no() {
    case "$2" in
    yes|no) ;;
    *) die "option $1 expects 'yes' or 'no', not '$2'" ;;
    esac
}

qemu_check_access() {
    if [ ! -w "$1" ]; then
        die "$1: not writable (you need to be root, or use --debian or --systemd with --exportdir)"
    fi
}

BINFMT_DIR=${QEMU_BINFMT_MISC_DIR:-/proc/sys/fs/binfmt_misc}

qemu_check_bintfmt_misc() {
    if [ ! -e "$BINFMT_DIR/register" ] && [ -z "${QEMU_BINFMT_MISC_DIR:-}" ]; then
        # built in but not mounted, or a module not loaded yet: mount
        # first, and load the module only if that is not enough (a kernel
        # with binfmt_misc built in may have no modprobe at all)
        if ! mount -t binfmt_misc binfmt_misc "$BINFMT_DIR" 2>/dev/null; then
            modprobe=$(command -v modprobe || echo /sbin/modprobe)
            if [ -x "$modprobe" ] && "$modprobe" binfmt_misc 2>/dev/null; then
                [ -e "$BINFMT_DIR/register" ] ||
                    mount -t binfmt_misc binfmt_misc "$BINFMT_DIR" 2>/dev/null
            fi
        fi
    fi
    if [ ! -e "$BINFMT_DIR/register" ]; then
        die "binfmt_misc is not available: $BINFMT_DIR/register does not exist (mounting binfmt_misc there failed; is it built into the kernel or a loadable module?)"
    fi
    qemu_check_access "$BINFMT_DIR/register"
}

installed_dpkg() {
    dpkg --status "$1" > /dev/null 2>&1
}

qemu_check_debian() {
    if [ ! -e /etc/debian_version ]; then
        echo "WARNING: your system is not a Debian based distro" 1>&2
    elif ! installed_dpkg binfmt-support; then
        echo "WARNING: package binfmt-support is needed" 1>&2
    fi
    qemu_check_access "$EXPORTDIR"
}

qemu_check_systemd() {
    if ! systemctl -q is-enabled systemd-binfmt.service 2>/dev/null; then
        echo "WARNING: systemd-binfmt.service is missing or disabled" 1>&2
    fi
    qemu_check_access "$EXPORTDIR"
}

qemu_generate_register() {
    flags=""
    if [ "$CREDENTIAL" = "yes" ]; then
        flags="OC"
    fi
    if [ "$PERSISTENT" = "yes" ]; then
        flags="${flags}F"
    fi
    if [ "$PRESERVE_ARG0" = "yes" ]; then
        flags="${flags}P"
    fi
    echo ":qemu-$cpu:M::$magic:$mask:$qemu:$flags"
}

qemu_register_interpreter() {
    if [ -e "$BINFMT_DIR/qemu-$cpu" ]; then
        current=$(sed -n 's/^interpreter //p' "$BINFMT_DIR/qemu-$cpu")
        die "qemu-$cpu is already registered ($BINFMT_DIR/qemu-$cpu, interpreter ${current:-unknown}); remove it first with --unregister"
    fi
    echo "Setting $qemu as binfmt interpreter for $cpu"
    qemu_generate_register > "$BINFMT_DIR/register" ||
        die "the kernel refused the registration of $qemu for $cpu"
}

qemu_unregister_interpreter() {
    if [ ! -e "$BINFMT_DIR/qemu-$cpu" ]; then
        die "qemu-$cpu is not registered (no $BINFMT_DIR/qemu-$cpu)"
    fi
    echo "Removing the binfmt interpreter for $cpu"
    echo -1 > "$BINFMT_DIR/qemu-$cpu" ||
        die "cannot remove $BINFMT_DIR/qemu-$cpu"
}

qemu_generate_systemd() {
    echo "Setting $qemu as binfmt interpreter for $cpu for systemd-binfmt.service"
    qemu_generate_register > "$EXPORTDIR/qemu-$cpu.conf"
}

qemu_generate_debian() {
    cat > "$EXPORTDIR/qemu-$cpu" <<EOF
package qemu-$cpu
interpreter $qemu
magic $magic
mask $mask
credential $CREDENTIAL
preserve $PRESERVE_ARG0
fix_binary $PERSISTENT
EOF
}

qemu_set_binfmts() {
    # probe cpu type
    host_family=$(echo "${HOST_ARCH:-$(uname -m)}" | sed -e 's/i[3-6]86/i386/')

    for cpu in ${qemu_target_list}; do
        magic=$e2k_magic
        mask=$e2k_mask
        family=$e2k_family

        qemu="$QEMU_PATH/qemu-$cpu"
        if [ "$cpu" = "i486" ]; then
            qemu="$QEMU_PATH/qemu-i386"
        fi
        qemu="$qemu$QEMU_SUFFIX"

        if [ "$host_family" != "$family" ]; then
            $BINFMT_SET
        fi
    done
}

CHECK=qemu_check_bintfmt_misc
BINFMT_SET=qemu_register_interpreter

SYSTEMDDIR="/etc/binfmt.d"
DEBIANDIR="/usr/share/binfmts"

QEMU_PATH=/usr/local/bin
CREDENTIAL=no
PERSISTENT=no
PRESERVE_ARG0=no
QEMU_SUFFIX=""
EXPORTDIR=""

while [ $# -gt 0 ]; do
    opt=$1
    shift
    case "$opt" in
    -d|--debian)
        CHECK=qemu_check_debian
        BINFMT_SET=qemu_generate_debian
        EXPORTDIR=${EXPORTDIR:-$DEBIANDIR}
        ;;
    -s|--systemd)
        [ $# -gt 0 ] || die "option $opt expects a CPU"
        CHECK=qemu_check_systemd
        BINFMT_SET=qemu_generate_systemd
        EXPORTDIR=${EXPORTDIR:-$SYSTEMDDIR}
        mcpu=$1
        shift
        if [ "$mcpu" != "ALL" ]; then
            found=no
            for cpu in ${qemu_target_list}; do
                if [ "$cpu" = "$mcpu" ]; then
                    found=yes
                fi
            done
            [ "$found" = yes ] || die "invalid CPU $mcpu (known: $qemu_target_list)"
            qemu_target_list="$mcpu"
        fi
        ;;
    -Q|--qemu-path)
        [ $# -gt 0 ] || die "option $opt expects a path"
        QEMU_PATH=$1
        shift
        ;;
    -F|--qemu-suffix)
        [ $# -gt 0 ] || die "option $opt expects a suffix"
        QEMU_SUFFIX=$1
        shift
        ;;
    -e|--exportdir)
        [ $# -gt 0 ] || die "option $opt expects a directory"
        EXPORTDIR=$1
        shift
        ;;
    -c|--credential)
        [ $# -gt 0 ] || die "option $opt expects yes or no"
        check_yes_no "$opt" "$1"
        CREDENTIAL=$1
        shift
        ;;
    -p|--persistent)
        [ $# -gt 0 ] || die "option $opt expects yes or no"
        check_yes_no "$opt" "$1"
        PERSISTENT=$1
        shift
        ;;
    --preserve-argv0)
        [ $# -gt 0 ] || die "option $opt expects yes or no"
        check_yes_no "$opt" "$1"
        PRESERVE_ARG0=$1
        shift
        ;;
    --unregister)
        BINFMT_SET=qemu_unregister_interpreter
        ;;
    -h|--help)
        usage
        exit 0
        ;;
    *)
        echo "qemu-binfmt-conf.sh: unknown option '$opt'" >&2
        usage >&2
        exit 1
        ;;
    esac
done

$CHECK
qemu_set_binfmts
