// Berth's start-without-code placeholder: answers on PORT until the service gets its own code.
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	name := os.Getenv("hostname")
	host, _ := os.Hostname()
	if name == "" {
		name = host
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if ip, _, _ := net.SplitHostPort(r.RemoteAddr); ip != "127.0.0.1" && ip != "::1" {
			log.Printf("%s %s from %s", r.Method, r.URL.Path, r.RemoteAddr)
		}
		w.Header().Set("content-type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>%s</title><h1>%s is running on Berth</h1><p>Go %s, container %s. Deploy your code to replace this page.</p>", name, name, runtime.Version(), host)
	})
	log.Printf("placeholder for %s listening on :%s", name, port)
	log.Fatal(http.ListenAndServe("0.0.0.0:"+port, nil))
}
