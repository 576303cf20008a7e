module github.com/storewise/storewise

go 1.26
