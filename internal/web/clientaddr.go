package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// An https installation runs behind a reverse proxy (roster serves plain
// HTTP), so every connection comes from the proxy. The per-address limits
// (sign-in, magic links, applications) and the addresses recorded with
// sessions and acceptances need the client's address instead: for a
// connection from a trusted proxy it is read from X-Forwarded-For; from
// anyone else the header is ignored, since a client could write anything
// there.

// ParsePrefixes reads a comma-separated list of addresses and CIDR
// prefixes ("127.0.0.1, 10.0.0.0/8, ::1"), as ROSTER_TRUSTED_PROXIES
// gives them.
func ParsePrefixes(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an IP address nor a CIDR prefix", part)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// MustParsePrefixes is ParsePrefixes for values known to be right (tests).
func MustParsePrefixes(s string) []netip.Prefix {
	p, err := ParsePrefixes(s)
	if err != nil {
		panic(err)
	}
	return p
}

func trusted(prefixes []netip.Prefix, a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientAddress replaces the request's RemoteAddr by the client's address
// when the connection comes from a trusted proxy: the right-most address
// in X-Forwarded-For that is not itself a trusted proxy (each proxy
// appends the address it was connected from, so anything to the left of
// that is the client's own say-so).
func (d *Deps) clientAddress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if proxies := d.Config.TrustedProxies; len(proxies) > 0 {
			if addr, ok := forwardedClient(proxies, r); ok {
				r.RemoteAddr = netip.AddrPortFrom(addr, 0).String()
			}
		}
		next.ServeHTTP(w, r)
	})
}

func forwardedClient(proxies []netip.Prefix, r *http.Request) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !trusted(proxies, peer) {
		return netip.Addr{}, false
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	var client netip.Addr
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // unreadable: what is left of it can't be trusted either
		}
		client = a.Unmap()
		if !trusted(proxies, client) {
			return client, true
		}
	}
	return client, client.IsValid()
}
