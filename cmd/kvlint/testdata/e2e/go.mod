module example.com/kvapp

go 1.26

require (
	github.com/cloudflare/cloudflare-go v0.116.0
	github.com/cloudflare/cloudflare-go/v6 v6.6.0
	github.com/cloudflare/cloudflare-go/v7 v7.9.0
	github.com/syumai/workers v0.32.0
)

require (
	github.com/goccy/go-json v0.10.5 // indirect
	github.com/google/go-querystring v1.1.0 // indirect
	github.com/tidwall/gjson v1.14.4 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.1 // indirect
	github.com/tidwall/sjson v1.2.5 // indirect
	golang.org/x/net v0.34.0 // indirect
	golang.org/x/text v0.21.0 // indirect
	golang.org/x/time v0.9.0 // indirect
)
