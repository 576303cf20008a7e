package rules

import "encoding/json"

// MarshalJSON writes primary as null when every product is eliminated, rather than an
// empty string that names no product.
func (r Recommendation) MarshalJSON() ([]byte, error) {
	type plain Recommendation // the same fields, without this method
	var primary *string
	if r.Primary != "" {
		primary = &r.Primary
	}
	return json.Marshal(struct {
		Version  int     `json:"version"`
		Workload string  `json:"workload"`
		Primary  *string `json:"primary"`
		plain
	}{r.Version, r.Workload, primary, plain(r)})
}
