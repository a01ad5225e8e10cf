"""Event pages: public (list, detail), set-up, registration, requests, schedule, agendas."""
