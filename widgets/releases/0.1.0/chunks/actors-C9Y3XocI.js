var e=`__typename ... on Role { name } ... on Person { name } ... on Organisation { name }`,t=e=>(e??[]).map(e=>e.name).join(`, `);export{t as n,e as t};
