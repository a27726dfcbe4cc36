// Part of embed-example.html: the script-API way of embedding a report.
import {renderReport} from './embed.js';

renderReport(document.getElementById('api-report'), 'examples/lpbq_on_sm8350.json', {backend: 'htp', soc: 'SM8350'}).catch(() => {});
