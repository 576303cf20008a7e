package option

type RequestOption func(*struct{}) error

func WithAPIToken(value string) RequestOption { return nil }
