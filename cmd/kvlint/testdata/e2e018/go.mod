module example.com/oldestworker

go 1.23

require github.com/syumai/workers v0.18.0
