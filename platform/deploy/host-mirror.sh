# Sourced by the chroot checks (release-check.sh, package-check.sh): sets $mirror, when the caller left it
# empty, to the Debian mirror the host's apt already uses (deb822 .sources or one-line sources.list), not
# the security one; else deb.debian.org.
if [[ -z ${mirror:-} ]]; then
  mirror=$(grep -hsE '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' |
    grep -v -e security -e '^$' | grep -m1 /debian || true)
  [[ -n $mirror ]] || mirror=$(grep -hsE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list \
    /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -v security | grep -m1 /debian || true)
  [[ -n $mirror ]] || mirror=http://deb.debian.org/debian
fi
