module example.com/inventory

go 1.22

require (
	github.com/go-chi/chi/v5 v5.1.0
	github.com/jackc/pgx/v5 v5.7.1
)

require golang.org/x/text v0.18.0 // indirect
