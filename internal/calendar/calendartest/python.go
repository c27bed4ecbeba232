package calendartest

import (
	"os"
	"os/exec"
	"testing"
)

// EnvPython names the variable that points at a Python 3 with the
// icalendar module (Debian: python3-icalendar), the real parser the feed
// tests check the feed with.
const EnvPython = "ROSTER_TEST_PYTHON"

// PythonICalendar returns a python3 that imports icalendar. Without one
// the test skips, or fails when CI is set (CI must run the parser check)
// or $ROSTER_TEST_PYTHON names one that cannot import it.
func PythonICalendar(t testing.TB) string {
	t.Helper()
	candidates := []string{"python3", "/usr/bin/python3"} // Debian's package is for the system Python
	if p := os.Getenv(EnvPython); p != "" {
		candidates = []string{p}
	}
	for _, c := range candidates {
		path, err := exec.LookPath(c)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import icalendar").Run() == nil {
			return path
		}
	}
	switch {
	case os.Getenv(EnvPython) != "":
		t.Fatalf("%s=%q cannot import icalendar", EnvPython, os.Getenv(EnvPython))
	case os.Getenv("CI") != "":
		t.Fatal("no python3 with the icalendar module: CI must check the feed with a real parser; install python3-icalendar")
	default:
		t.Skip("skipping the iCalendar parser check: no python3 with the icalendar module (apt-get install python3-icalendar)")
	}
	return ""
}
