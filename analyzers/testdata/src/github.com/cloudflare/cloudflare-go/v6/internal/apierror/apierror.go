package apierror

import "net/http"

type Error struct {
	StatusCode int
	Request    *http.Request
	Response   *http.Response
}

func (r *Error) Error() string { return "api error" }
