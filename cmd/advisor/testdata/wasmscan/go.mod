module example.com/wasmscan

go 1.22
