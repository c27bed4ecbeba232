package creator

import "github.com/rosterhq/roster/internal/i18n"

// english is the catalogue behind the English text of this package's
// errors: the API shows it, and the UI shows the same key in the viewer's
// language. The i18n tests make sure every key used here exists.
var english = i18n.For("en")

// englishText fills key's English message with name/value pairs.
func englishText(key string, args []any) string { return english.T(key, args...) }
