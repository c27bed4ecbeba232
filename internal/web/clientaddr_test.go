package web

import (
	"net/http/httptest"
	"testing"
)

func TestForwardedClient(t *testing.T) {
	proxies := MustParsePrefixes("10.0.0.0/8, 127.0.0.1, ::1")
	for _, tc := range []struct {
		peer, xff, want string
	}{
		{"127.0.0.1:5000", "203.0.113.7", "203.0.113.7"},
		{"127.0.0.1:5000", "198.51.100.9, 203.0.113.7", "203.0.113.7"}, // the client can't pass itself off as another
		{"127.0.0.1:5000", "203.0.113.7, 10.1.2.3", "203.0.113.7"},     // a second proxy of ours
		{"[::1]:5000", "2001:db8::5", "2001:db8::5"},
		{"127.0.0.1:5000", "", ""},                 // no header: the proxy's own address stays
		{"127.0.0.1:5000", "not-an-ip", ""},        // unreadable
		{"192.0.2.1:5000", "203.0.113.7", ""},      // not a trusted proxy: ignored
		{"127.0.0.1:5000", "10.9.9.9", "10.9.9.9"}, // only proxies: the left-most
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.peer
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		got := ""
		if a, ok := forwardedClient(proxies, r); ok {
			got = a.String()
		}
		if got != tc.want {
			t.Errorf("peer %s, X-Forwarded-For %q: client %q, want %q", tc.peer, tc.xff, got, tc.want)
		}
	}
	if _, err := ParsePrefixes("10.0.0.0/8, proxy.example"); err == nil {
		t.Error("a host name was taken as a proxy address")
	}
}
