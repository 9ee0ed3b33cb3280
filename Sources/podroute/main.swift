print("podroute")
