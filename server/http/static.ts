import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { namesTheApi, namesTheRatingPages } from '../security/api-paths.js';

/**
 * Serves the built client, and index.html for any other GET that is not the API, so a reload on
 * /sessions/… works. Hashed assets are cached for good; index.html and the service worker never.
 */
export function clientRoutes(clientDir: string): Router {
  const router = express.Router();
  const index = path.join(clientDir, 'index.html');
  router.use(
    express.static(clientDir, {
      index: false,
      setHeaders: (res, file) => {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  // Never for a path that reads as the API in some spelling (`//api/…`, `/api%2F…`): that is the
  // API's 404, not a page with 200 (S47); nor for one that reads as the members' rating pages,
  // which answer every spelling of `/r` themselves (S50).
  router.get(/.*/, (req, res, next) => {
    if (namesTheApi(req.path) || namesTheRatingPages(req.path) || !fs.existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
