module berth.example/goapp

go 1.19
