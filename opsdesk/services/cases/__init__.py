"""Cases (sprawy) and team boards: opening, steps with statutory deadlines, hand-off between
teams, notes."""
