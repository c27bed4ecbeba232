package creator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every key this package's own files use has English text, and every
// English text is used, so the list handed to translators is exact.
func TestMessageKeysHaveEnglishText(t *testing.T) {
	mine := []string{"handle*.go", "validate.go", "codes.go", "list_query.go", "followers.go", "cursor.go", "store*.go", "list*.go"}
	keyLiteral := regexp.MustCompile(`"(validation\.[a-z0-9_]+)"`)
	used := map[string]bool{}
	for _, pattern := range mine {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range keyLiteral.FindAllStringSubmatch(string(src), -1) {
				used[m[1]] = true
				if _, ok := englishMessages[m[1]]; !ok {
					t.Errorf("%s uses %s, which has no English text", f, m[1])
				}
			}
		}
	}
	for key := range englishMessages {
		if !used[key] {
			t.Errorf("%s has English text but is never used", key)
		}
	}
}
