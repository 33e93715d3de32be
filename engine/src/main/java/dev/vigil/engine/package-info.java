package dev.vigil.engine;
