module example.com/shop

go 1.26

require github.com/syumai/workers v0.32.0

// A stub of the client with its real import path and signatures, so the scan test needs
// neither the network nor GOOS=js.
replace github.com/syumai/workers => ./stub/workers
