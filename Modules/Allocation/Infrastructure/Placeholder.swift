// Placeholder until the Allocation context lands; delete when adding the first real file.
