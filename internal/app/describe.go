package app

import (
	"fmt"

	"github.com/rosterhq/roster/internal/apperr"
)

// describe turns a domain error into a message for the terminal, with its
// field problems.
func describe(err error) error {
	e, ok := apperr.As(err)
	if !ok {
		return err
	}
	msg := e.Message
	for _, f := range e.Fields {
		msg += fmt.Sprintf("\n  %s: %s", f.Field, f.Message)
	}
	return fmt.Errorf("%s", msg)
}
