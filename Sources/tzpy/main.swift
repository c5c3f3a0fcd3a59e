print("tzpy")
