module example.com/oldworker

go 1.23

require github.com/syumai/workers v0.27.0
