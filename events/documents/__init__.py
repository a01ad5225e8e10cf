"""Files made from a schedule: PDF agendas and table signs, iCalendar agendas."""
