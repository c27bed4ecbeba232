package web

import "testing"

func TestRedactPathHidesSecretsInURLs(t *testing.T) {
	for in, want := range map[string]string{
		"/calendar/feed/rcf_AbC-123_x.ics": "/calendar/feed/rcf_[redacted]",
		"/password/reset/rl_secretvalue":   "/password/reset/rl_[redacted]",
		"/portal/link/rl_x/accept":         "/portal/link/rl_[redacted]/accept",
		"/creators/42":                     "/creators/42",
		"/calendar/feed/rcf_":              "/calendar/feed/rcf_",
		"/apply/rst-brand":                 "/apply/rst-brand",
		"/calendar/feed/revoke":            "/calendar/feed/revoke",
		"/static/app.js":                   "/static/app.js",
	} {
		if got := RedactPath(in); got != want {
			t.Errorf("RedactPath(%q) = %q, want %q", in, got, want)
		}
	}
}
