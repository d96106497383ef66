"""Home: the first screen (today's plan, the deck list) and the exam-date dialog it opens."""
