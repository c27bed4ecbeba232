package applications

import (
	"github.com/rosterhq/roster/internal/i18n"
)

// Reason is one line of an automatic score's explanation: a catalogue key
// with typed arguments, so it reads with the viewer's number formats.
type Reason struct {
	Key     string `json:"key"`
	Args    []Arg  `json:"args,omitempty"`
	Points  int    `json:"points"`
	Warning bool   `json:"warning,omitempty"`
}

// Arg kinds: how an argument is formatted.
const (
	argPercent = "pct"   // 3.4 → "3.4%"
	argInt     = "int"   // 12000 → "12,000"
	argRatio   = "ratio" // 2.345 → "2.3"
	argMessage = "msg"   // a catalogue key, translated
	argText    = "text"  // shown as is
)

// Arg is one named placeholder value of a reason.
type Arg struct {
	Name string  `json:"name"`
	Kind string  `json:"kind"`
	Num  float64 `json:"num,omitempty"`
	Text string  `json:"text,omitempty"`
}

func pct(name string, v float64) Arg   { return Arg{Name: name, Kind: argPercent, Num: v} }
func num(name string, v int64) Arg     { return Arg{Name: name, Kind: argInt, Num: float64(v)} }
func ratio(name string, v float64) Arg { return Arg{Name: name, Kind: argRatio, Num: v} }
func msg(name, key string) Arg         { return Arg{Name: name, Kind: argMessage, Text: key} }
func text(name, s string) Arg          { return Arg{Name: name, Kind: argText, Text: s} }

// Text renders the reason in l's language.
func (r Reason) Text(l *i18n.Localizer) string {
	args := make([]any, 0, 2*len(r.Args))
	for _, a := range r.Args {
		var v string
		switch a.Kind {
		case argPercent:
			v = l.Percent(a.Num)
		case argInt:
			v = l.Number(int64(a.Num))
		case argRatio:
			v = l.Decimal(a.Num, 1)
		case argMessage:
			v = l.T(a.Text)
		default:
			v = a.Text
		}
		args = append(args, a.Name, v)
	}
	return l.T(r.Key, args...)
}
