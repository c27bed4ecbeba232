package web

import "testing"

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "/",
		"/creators?stage=x":    "/creators?stage=x",
		"//evil.example":       "/",
		"/\\evil.example":      "/",
		"https://evil.example": "/",
		"creators":             "/",
		"/ok/path#frag":        "/ok/path#frag",
	} {
		if got := SafeNext(in, "/"); got != want {
			t.Errorf("SafeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
