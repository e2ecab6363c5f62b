// Placeholder until the Orders context lands; delete when adding the first real file.
