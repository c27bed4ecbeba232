package invite

import "github.com/rosterhq/roster/internal/apperr"

func hasField(err error, field string) bool {
	e, ok := apperr.As(err)
	if !ok {
		return false
	}
	return apperr.Fields(e.Fields).Has(field)
}
