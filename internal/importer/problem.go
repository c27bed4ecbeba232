package importer

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong (or worth knowing) about one row. Key and
// Args (name/value pairs) name the message in the catalogues; Message is its English text.
type Problem struct {
	Line    int64  `json:"line"`
	Column  string `json:"column"`
	Value   string `json:"value"`
	Key     string `json:"-"`
	Args    []any  `json:"-"`
	Message string `json:"reason"`
	// Kind: "error" (the row failed), "warning" (stored without the
	// value), "merged" (folded into an earlier row of the file).
	Kind string `json:"kind"`
}

// Problem kinds.
const (
	KindError   = "error"
	KindWarning = "warning"
	KindMerged  = "merged"
)

// englishProblems are the English texts of the importer's own problems;
// the catalogues hold the same keys for the UI.
var englishProblems = map[string]string{
	"import.problem.csv":              "The line is not valid CSV: {reason}.",
	"import.problem.followers":        "Not a number of followers (such as 5000, 12.5K or 1.2M).",
	"import.problem.engagement_rate":  "Not an engagement rate (a percentage from 0 to 100, such as 3.4%).",
	"import.problem.country":          "Not a country name or two-letter code.",
	"import.problem.location":         "The country could not be told from the location; it was left empty.",
	"import.problem.platform":         "Not a platform Roster knows.",
	"import.problem.no_handle":        "The row has no handle or profile URL, so it cannot be matched or created.",
	"import.problem.no_platform":      "The platform of this handle is unknown: add a platform column or use a full profile URL.",
	"import.problem.two_creators":     "The row's accounts belong to two different creators ({a} and {b}).",
	"import.problem.merged":           "Same creator as line {line}: merged into it.",
	"import.problem.stage":            "Not a stage.",
	"import.problem.too_many_columns": "The row has more cells than the header.",
	"import.problem.limits":           "Merged with the creator it matches, the row would pass 50 tags or 20 accounts.",
}

func problem(line int64, column, value, key string, args ...any) Problem {
	msg := englishProblems[key]
	for i := 0; i+1 < len(args); i += 2 {
		msg = strings.ReplaceAll(msg, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return Problem{Line: line, Column: column, Value: clip(value), Key: key, Args: args, Message: msg, Kind: KindError}
}

// clip keeps reported values readable.
func clip(s string) string {
	if r := []rune(s); len(r) > 100 {
		return string(r[:97]) + "…"
	}
	return s
}
